import type { ReactNode } from "react";

const tones = {
  ok: "bg-teal-50 text-teal-800 ring-teal-200",
  warn: "bg-amber-50 text-amber-900 ring-amber-200",
  off: "bg-slate-100 text-slate-600 ring-slate-200",
  danger: "bg-red-50 text-red-800 ring-red-200",
} as const;

export type StatusTone = keyof typeof tones;

/** A short state in a list row ("Active", "Revoked"): words first, colour only as a second cue. */
export function StatusBadge(props: { tone: StatusTone; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[props.tone]}`}
    >
      {props.children}
    </span>
  );
}
