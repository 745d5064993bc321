import type { ReactNode } from "react";
import type { ApiFailure } from "./sidebar-api";
import { failureText } from "./to-api-failure";

/** Loading / empty / error lines with the right live-region semantics. */
export function StatusNotice(props: {
  kind: "loading" | "empty" | "error";
  children?: ReactNode;
  failure?: ApiFailure | null;
  onRetry?: () => void;
}) {
  if (props.kind === "loading") {
    return (
      <p role="status" aria-live="polite" className="px-3 py-2 text-xs text-slate-500">
        {props.children ?? "Loading…"}
      </p>
    );
  }
  if (props.kind === "empty") return <p className="px-3 py-2 text-xs text-slate-500">{props.children}</p>;
  return (
    <div role="alert" className="mx-3 my-2 rounded border border-red-200 bg-red-50 px-2 py-1.5 text-xs text-red-800">
      {props.children ?? (props.failure ? failureText(props.failure) : "Something went wrong.")}
      {props.onRetry && (
        <button type="button" onClick={props.onRetry} className="ml-2 font-medium underline">
          Try again
        </button>
      )}
    </div>
  );
}

export function Section(props: { title: string; children: ReactNode; actions?: ReactNode }) {
  const id = `tl-sec-${props.title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="border-t border-slate-200 py-2">
      <div className="flex items-center justify-between px-3">
        <h3 id={id} className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">
          {props.title}
        </h3>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}
