import { useId, useState } from "react";
import { Button } from "../../ui/button";
import { customFieldKey, templateVariableGroups, variableToken } from "./template-variables";

/**
 * "Insert variable": contact, company, sender and custom fields, each written as `{{key | fallback}}` where the
 * cursor was (subject or body). The fallback is what a recipient without that value reads.
 */
export function VariablePicker(props: { onInsert: (token: string) => void; target: string }) {
  const [open, setOpen] = useState(false);
  const [fallback, setFallback] = useState("there");
  const [custom, setCustom] = useState("");
  const panelId = useId();
  const insert = (key: string) => {
    props.onInsert(variableToken(key, fallback));
    setOpen(false);
  };
  return (
    <div className="relative">
      <Button variant="secondary" size="sm" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((v) => !v)}>
        Insert variable
      </Button>
      {open && (
        <div
          id={panelId}
          role="group"
          aria-label="Variables"
          className="absolute right-0 z-20 mt-1 w-80 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg"
          onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
        >
          <p className="mb-2 text-xs text-slate-500">Goes into the {props.target}, where the cursor was.</p>
          <label className="mb-3 flex flex-col gap-1 text-xs font-medium text-slate-700">
            Fallback when the value is empty
            <input
              value={fallback}
              onChange={(e) => setFallback(e.target.value.replace(/[{}|]/g, ""))}
              className="rounded border border-slate-300 px-2 py-1 text-sm font-normal"
            />
          </label>
          {templateVariableGroups.map((g) => (
            <div key={g.group} className="mb-2">
              <p className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500">{g.group}</p>
              <div className="flex flex-wrap gap-1">
                {g.items.map((v) => (
                  <button
                    key={v.key}
                    type="button"
                    onClick={() => insert(v.key)}
                    className="rounded border border-slate-200 px-2 py-0.5 text-xs text-slate-800 hover:border-teal-600 hover:bg-teal-50"
                  >
                    {v.label}
                  </button>
                ))}
              </div>
            </div>
          ))}
          <div className="mt-2 flex items-end gap-1 border-t border-slate-100 pt-2">
            <label className="flex flex-1 flex-col gap-1 text-xs font-medium text-slate-700">
              Custom field key
              <input
                value={custom}
                placeholder="deal_size"
                onChange={(e) => setCustom(e.target.value.trim())}
                className="rounded border border-slate-300 px-2 py-1 text-sm font-normal"
              />
            </label>
            <Button size="sm" variant="secondary" disabled={!customFieldKey.test(custom)} onClick={() => insert(custom)}>
              Insert
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
