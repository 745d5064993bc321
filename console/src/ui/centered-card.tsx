import type { ReactNode } from "react";

/** The frame of the pages shown without the navigation: setup, sign-in, invitations, the host sign-in. */
export function CenteredCard(props: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-10">
      <div className="mb-6 flex items-center gap-2.5">
        <span aria-hidden="true" className="flex h-9 w-9 items-center justify-center rounded-lg bg-teal-700 font-bold text-white">
          T
        </span>
        <span className="text-lg font-semibold text-slate-900">Threadline</span>
      </div>
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold text-slate-900">{props.title}</h1>
        {props.subtitle && <p className="mt-1 text-sm text-slate-600">{props.subtitle}</p>}
        <div className="mt-6">{props.children}</div>
      </div>
      {props.footer && <div className="mt-6 text-sm text-slate-600">{props.footer}</div>}
    </div>
  );
}
