import { useState } from "react";
import type { EnrollmentSummary } from "../schemas/card";
import { formatWallTime } from "./format-wall-time";
import type { EnrollmentAction, SidebarApi } from "./sidebar-api";
import { failureText, toApiFailure } from "./to-api-failure";

const fmt = (iso: string, zone?: string) => {
  try {
    return new Intl.DateTimeFormat(undefined, {
      weekday: "short",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: zone,
    }).format(new Date(iso));
  } catch {
    return iso;
  }
};

/** "Trade show follow-up · active · step 2 of 4 · next: Tue 09:10 (you) / Tue 15:10 (them)" + pause/resume/stop. */
export function EnrollmentStatus(props: {
  api: SidebarApi;
  enrollment: EnrollmentSummary;
  contactZone: string | null;
  onChanged(): void;
}) {
  const e = props.enrollment;
  const [busy, setBusy] = useState<EnrollmentAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (action: EnrollmentAction) => {
    setBusy(action);
    setError(null);
    try {
      await props.api.changeEnrollment(e.id, action);
      props.onChanged();
    } catch (err) {
      setError(failureText(toApiFailure(err)));
    } finally {
      setBusy(null);
    }
  };
  const live = e.state === "active" || e.state === "paused";
  const yours = e.nextSendRepLocal ? formatWallTime(e.nextSendRepLocal) : e.nextSendAt ? fmt(e.nextSendAt) : null;
  const theirs = e.nextSendContactLocal
    ? formatWallTime(e.nextSendContactLocal)
    : e.nextSendAt && props.contactZone
      ? fmt(e.nextSendAt, props.contactZone)
      : null;
  return (
    <li data-testid="enrollment" data-state={e.state} className="rounded border border-slate-200 p-2 text-xs">
      <p className="font-medium text-slate-900">{e.sequenceName}</p>
      <p className="text-slate-600">
        <span
          className={`mr-1 rounded px-1 ${e.state === "active" ? "bg-green-100 text-green-800" : "bg-slate-100 text-slate-700"}`}
        >
          {e.state}
        </span>
        <span data-testid="enrollment-step">
          Step {e.stepNumber} of {e.stepCount}
        </span>
        {e.stateReason && <span className="text-slate-500"> · {e.stateReason}</span>}
      </p>
      {live && yours && (
        <p className="text-slate-600" data-testid="next-send">
          Next send: {yours} (your time){theirs ? ` · ${theirs} (their time)` : ""}
        </p>
      )}
      {live && (
        <div className="mt-1 flex gap-1">
          {e.state === "active" ? (
            <button
              type="button"
              disabled={!!busy}
              onClick={() => act("pause")}
              className="rounded border border-slate-300 px-2 py-0.5"
            >
              {busy === "pause" ? "Pausing…" : "Pause"}
            </button>
          ) : (
            <button
              type="button"
              disabled={!!busy}
              onClick={() => act("resume")}
              className="rounded border border-slate-300 px-2 py-0.5"
            >
              {busy === "resume" ? "Resuming…" : "Resume"}
            </button>
          )}
          <button
            type="button"
            disabled={!!busy}
            onClick={() => act("stop")}
            className="rounded border border-red-300 px-2 py-0.5 text-red-700"
          >
            {busy === "stop" ? "Stopping…" : "Stop"}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-1 text-red-700">
          {error}
        </p>
      )}
    </li>
  );
}
