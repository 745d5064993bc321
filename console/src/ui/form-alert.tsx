import type { ReactNode } from "react";

/** A form-level message. Errors use role="alert" so screen readers announce them as they appear. */
export function FormAlert(props: { kind?: "error" | "success" | "info"; children: ReactNode }) {
  const kind = props.kind ?? "error";
  const style =
    kind === "error"
      ? "border-red-200 bg-red-50 text-red-800"
      : kind === "success"
        ? "border-teal-200 bg-teal-50 text-teal-900"
        : "border-slate-200 bg-slate-50 text-slate-700";
  return (
    <div role={kind === "error" ? "alert" : "status"} className={`rounded-md border px-3 py-2 text-sm ${style}`}>
      {props.children}
    </div>
  );
}
