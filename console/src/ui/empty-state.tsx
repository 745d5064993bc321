import type { ReactNode } from "react";

/** A designed empty state: an icon-sized mark, a title, one sentence of what to do, and the action that does it. */
export function EmptyState(props: { title: string; children?: ReactNode; action?: ReactNode; badge?: string }) {
  return (
    <div className="flex flex-col items-center rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
      <div aria-hidden="true" className="mb-4 flex h-10 w-10 items-center justify-center rounded-full bg-teal-50 text-teal-700">
        <svg viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M4 7h16M4 12h10M4 17h7" strokeLinecap="round" />
        </svg>
      </div>
      {props.badge && (
        <span className="mb-2 rounded-full bg-slate-100 px-2 py-0.5 text-[11px] font-medium uppercase tracking-wide text-slate-600">
          {props.badge}
        </span>
      )}
      <h2 className="text-base font-semibold text-slate-900">{props.title}</h2>
      {props.children && <div className="mt-1 max-w-md text-sm text-slate-600">{props.children}</div>}
      {props.action && <div className="mt-5">{props.action}</div>}
    </div>
  );
}
