import { useEffect, useId, useRef, type ReactNode } from "react";

/** A modal on the native <dialog> (focus trap, Escape and the top layer come from the browser). */
export function Dialog(props: { open: boolean; title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={props.onClose}
      className={`w-full rounded-xl border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40 ${props.wide ? "max-w-2xl" : "max-w-md"}`}
    >
      {props.open && (
        <div className="p-6">
          <div className="mb-4 flex items-start justify-between gap-4">
            <h2 id={titleId} className="text-lg font-semibold text-slate-900">
              {props.title}
            </h2>
            <button
              type="button"
              onClick={props.onClose}
              aria-label="Close"
              className="-m-1 rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
            >
              <svg viewBox="0 0 20 20" className="h-5 w-5" aria-hidden="true">
                <path d="M5 5l10 10M15 5L5 15" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
              </svg>
            </button>
          </div>
          {props.children}
        </div>
      )}
    </dialog>
  );
}
