import { useId } from "react";
import { trackingLabelText } from "./tracking-label-text";

/**
 * The label of an open or click as a short badge; the meaning and the stored reason appear on hover and on keyboard
 * focus (the badge is a button so it can take focus) and are its accessible description.
 */
export function TrackingBadge({ label, reason }: { label: unknown; reason: unknown }) {
  const id = useId();
  const text = trackingLabelText(label);
  if (!text) return null;
  const detail = typeof reason === "string" && reason.trim() ? reason.trim() : null;
  return (
    <span className="group relative ml-1 inline-block">
      <button
        type="button"
        aria-describedby={id}
        data-label={String(label)}
        className={`rounded px-1 text-[10px] font-medium ${text.machine ? "bg-slate-200 text-slate-700" : label === "human" ? "bg-emerald-100 text-emerald-800" : "bg-amber-100 text-amber-800"}`}
      >
        {text.badge}
      </button>
      <span
        role="tooltip"
        id={id}
        className="invisible absolute left-0 top-full z-10 mt-1 w-56 rounded bg-slate-900 px-2 py-1 text-[11px] font-normal text-white shadow group-focus-within:visible group-hover:visible"
      >
        {text.summary}
        {detail && <span className="mt-0.5 block text-slate-300">{detail}</span>}
      </span>
    </span>
  );
}
