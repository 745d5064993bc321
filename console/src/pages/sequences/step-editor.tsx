import type { Template } from "@threadline/shared/schemas/template";
import { RichTextEditor } from "../../ui/rich-text-editor";
import { SelectField } from "../../ui/select-field";
import { TextField } from "../../ui/text-field";
import { Button } from "../../ui/button";

export interface DraftStep {
  key: string;
  id?: string;
  kind: "email" | "task";
  delayAmount: number;
  delayUnit: "business_days" | "hours";
  config: Record<string, unknown>;
}

/** One step: what it does (email from a template or inline, or a manual task) and how long after the previous. */
export function StepEditor(props: {
  step: DraftStep;
  index: number;
  count: number;
  templates: Template[];
  errors: Record<string, string>;
  onChange: (step: DraftStep) => void;
  onMove: (by: -1 | 1) => void;
  onDelete: () => void;
}) {
  const { step, index } = props;
  const c = step.config as { templateId?: string; subject?: string; bodyHtml?: string; title?: string; note?: string };
  const err = (path: string) => props.errors[`steps.${index}.${path}`];
  const set = (config: Record<string, unknown>) => props.onChange({ ...step, config: { ...step.config, ...config } });
  return (
    <li aria-label={`Step ${index + 1}`} className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">Step {index + 1}</h3>
        <div className="flex gap-1">
          <Button
            size="sm"
            variant="ghost"
            disabled={index === 0}
            onClick={() => props.onMove(-1)}
            aria-label={`Move step ${index + 1} up`}
          >
            ↑
          </Button>
          <Button
            size="sm"
            variant="ghost"
            disabled={index === props.count - 1}
            onClick={() => props.onMove(1)}
            aria-label={`Move step ${index + 1} down`}
          >
            ↓
          </Button>
          <Button size="sm" variant="danger" onClick={props.onDelete} aria-label={`Delete step ${index + 1}`}>
            Delete
          </Button>
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          label="Kind"
          value={step.kind}
          onChange={(e) =>
            props.onChange({
              ...step,
              kind: e.target.value as DraftStep["kind"],
              config: e.target.value === "task" ? { taskKind: "custom", title: "" } : {},
            })
          }
        >
          <option value="email">Email</option>
          <option value="task">Manual task</option>
        </SelectField>
        <TextField
          label={index === 0 ? "Wait before it (after enrolment)" : "Wait after the previous step"}
          type="number"
          min={0}
          value={Number.isNaN(step.delayAmount) ? "" : step.delayAmount}
          error={err("delayAmount")}
          onChange={(e) => props.onChange({ ...step, delayAmount: e.target.valueAsNumber })}
        />
        <SelectField
          label="Unit"
          value={step.delayUnit}
          onChange={(e) => props.onChange({ ...step, delayUnit: e.target.value as DraftStep["delayUnit"] })}
        >
          <option value="business_days">business days</option>
          <option value="hours">hours</option>
        </SelectField>
      </div>
      {step.kind === "email" ? (
        <div className="mt-3 flex flex-col gap-3">
          <SelectField
            label="Template"
            value={c.templateId ?? ""}
            error={err("config.templateId")}
            onChange={(e) => set({ templateId: e.target.value || undefined })}
          >
            <option value="">Write this step inline</option>
            {props.templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </SelectField>
          {!c.templateId && (
            <>
              <TextField
                label="Subject"
                hint={index > 0 ? "Empty: a reply in the same thread (Re: the first subject)." : undefined}
                value={c.subject ?? ""}
                error={err("config.subject")}
                onChange={(e) => set({ subject: e.target.value })}
              />
              <RichTextEditor
                label="Body"
                initialHtml={c.bodyHtml ?? ""}
                error={err("config.bodyHtml")}
                onChange={(html) => set({ bodyHtml: html || undefined })}
              />
            </>
          )}
        </div>
      ) : (
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          <TextField
            label="Task title"
            value={c.title ?? ""}
            error={err("config.title")}
            onChange={(e) => set({ title: e.target.value })}
          />
          <TextField
            label="Note for the assignee"
            value={c.note ?? ""}
            onChange={(e) => set({ note: e.target.value || undefined })}
          />
          <p className="text-xs text-slate-500 sm:col-span-2">
            The enrollment's owner gets this task (a call, a LinkedIn message…) when the step is due.
          </p>
        </div>
      )}
    </li>
  );
}
