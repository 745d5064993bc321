import { variableFallback } from "../domain/variable-fallback";

/** Blocking warning: the template has variables without a value. Fill them, or take the suggested fallbacks. */
export function MissingVariablesForm(props: {
  missing: string[];
  values: Record<string, string>;
  onChange(values: Record<string, string>): void;
  onApply(): void;
}) {
  const useFallbacks = () => {
    const next = { ...props.values };
    for (const v of props.missing) if (!next[v]?.trim()) next[v] = variableFallback(v);
    props.onChange(next);
  };
  return (
    <div
      role="alert"
      data-testid="missing-variables"
      className="mx-3 mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900"
    >
      <p className="font-semibold">Can't insert yet: no value for {props.missing.join(", ")}.</p>
      <p className="mb-1">Fill them in for this email, or use the fallbacks, then apply.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onApply();
        }}
        className="space-y-1"
      >
        {props.missing.map((v) => (
          <label key={v} className="flex items-center gap-2">
            <code className="w-24 shrink-0 truncate">{v}</code>
            <input
              aria-label={`Value for ${v}`}
              value={props.values[v] ?? ""}
              onChange={(e) => props.onChange({ ...props.values, [v]: e.target.value })}
              className="min-w-0 flex-1 rounded border border-amber-300 bg-white px-1 py-0.5"
            />
          </label>
        ))}
        <div className="flex gap-2 pt-1">
          <button type="button" onClick={useFallbacks} className="rounded border border-amber-400 px-2 py-0.5">
            Use fallbacks
          </button>
          <button type="submit" className="rounded bg-amber-700 px-2 py-0.5 text-white">
            Apply values
          </button>
        </div>
      </form>
    </div>
  );
}
