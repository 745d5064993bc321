import { useState } from "react";

/** Inline tag list: remove with the × button, add by typing and pressing Enter. */
export function TagsEditor(props: { tags: string[]; disabled?: boolean; onChange(tags: string[]): void }) {
  const [draft, setDraft] = useState("");
  const add = () => {
    const tag = draft.trim();
    if (tag && !props.tags.includes(tag)) props.onChange([...props.tags, tag]);
    setDraft("");
  };
  return (
    <div className="flex flex-wrap items-center gap-1">
      {props.tags.map((t) => (
        <span key={t} className="inline-flex items-center rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-700">
          {t}
          <button
            type="button"
            aria-label={`Remove tag ${t}`}
            disabled={props.disabled}
            onClick={() => props.onChange(props.tags.filter((x) => x !== t))}
            className="ml-1 text-slate-400 hover:text-slate-700"
          >
            ×
          </button>
        </span>
      ))}
      <input
        aria-label="Add tag"
        placeholder="+ tag"
        value={draft}
        disabled={props.disabled}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            add();
          }
        }}
        className="w-16 rounded border border-transparent px-1 text-[11px] focus:border-slate-300 focus:outline-none"
      />
    </div>
  );
}
