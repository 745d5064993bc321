import { forwardRef, useId, type ReactNode, type SelectHTMLAttributes } from "react";
import { fieldMessage } from "../forms/field-message";

export interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  error?: string | undefined;
  children: ReactNode;
}

export const SelectField = forwardRef<HTMLSelectElement, SelectFieldProps>(function SelectField(
  { label, error, className = "", children, ...select },
  ref,
) {
  const id = useId();
  return (
    <div className={`flex min-w-0 flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        ref={ref}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`w-full min-w-0 rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:outline-none focus:ring-2 ${error ? "border-red-400 focus:ring-red-200" : "border-slate-300 focus:border-teal-600 focus:ring-teal-100"}`}
        {...select}
      >
        {children}
      </select>
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {fieldMessage({ label, message: error })}
        </p>
      )}
    </div>
  );
});
