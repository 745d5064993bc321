import type { OpenTracking } from "./use-open-tracking";

/** The Insert button, the hint when no compose is open, and the "Track opens" switch where the host offers it. */
export function InsertControls(props: { blocked: boolean; composeOpen: boolean; onInsert(): void; tracking: OpenTracking }) {
  const { tracking } = props;
  return (
    <>
      <div className="mx-3 mt-2 flex items-center gap-2">
        <button
          type="button"
          // Keeps the compose body's caret: the click must not move focus first.
          onMouseDown={(e) => e.preventDefault()}
          onClick={props.onInsert}
          disabled={props.blocked}
          className="rounded bg-teal-700 px-2 py-1 text-xs font-medium text-white disabled:opacity-40"
        >
          Insert template
        </button>
        {!props.composeOpen && <span className="text-[11px] text-slate-500">Open a reply or a new message to insert.</span>}
      </div>
      {tracking.available && props.composeOpen && (
        <div className="mx-3 mt-1.5 text-[11px] text-slate-600" data-testid="open-tracking">
          <label className="flex items-center gap-1.5">
            <input
              type="checkbox"
              checked={tracking.enabled && !tracking.unavailableReason}
              disabled={tracking.unavailableReason !== null}
              onChange={(e) => tracking.setEnabled(e.target.checked)}
            />
            Track opens of this message
          </label>
          {tracking.unavailableReason && <p className="mt-0.5 text-amber-800">{tracking.unavailableReason}</p>}
        </div>
      )}
    </>
  );
}
