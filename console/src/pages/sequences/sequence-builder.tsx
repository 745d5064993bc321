import { defaultSequenceSettings, type SequenceSettings } from "@threadline/shared/schemas/sequence-settings";
import { sequencePutSchema, type Sequence, type SequenceEditPreview } from "@threadline/shared/schemas/sequence";
import { useState } from "react";
import { useNavigate } from "react-router";
import { fieldErrorsOf, toConsoleFailure } from "../../api/api-call";
import { Button } from "../../ui/button";
import { Dialog } from "../../ui/dialog";
import { FormAlert } from "../../ui/form-alert";
import { TextField } from "../../ui/text-field";
import { useTemplateList } from "../templates/use-templates";
import { SequenceStatus } from "./sequences-list";
import { SettingsPanel } from "./settings-panel";
import { StepEditor, type DraftStep } from "./step-editor";
import { useEditPreview, useSaveSequence, useSequenceStatus, type SequenceInput } from "./use-sequences";

let keys = 0;
const newStep = (first: boolean): DraftStep => ({
  key: `new-${++keys}`,
  kind: "email",
  delayAmount: first ? 0 : 3,
  delayUnit: "business_days",
  config: {},
});

/** Name, steps and every setting; saved whole (PUT) with the edit preview confirmed first while enrollments run. */
export function SequenceBuilder(props: { sequence?: Sequence }) {
  const seq = props.sequence;
  const navigate = useNavigate();
  const [name, setName] = useState(seq?.name ?? "");
  const [steps, setSteps] = useState<DraftStep[]>(
    seq?.steps.map((s) => ({
      key: s.id,
      id: s.id,
      kind: s.kind,
      delayAmount: s.delayAmount,
      delayUnit: s.delayUnit,
      config: s.config,
    })) ?? [newStep(true)],
  );
  const [settings, setSettings] = useState<SequenceSettings>(seq?.settings ?? defaultSequenceSettings());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [preview, setPreview] = useState<SequenceEditPreview | null>(null);
  const templates = useTemplateList("");
  const save = useSaveSequence(seq?.id);
  const editPreview = useEditPreview(seq?.id ?? "");
  const status = useSequenceStatus(seq?.id ?? "");

  const body = (): SequenceInput => ({
    name,
    visibility: seq?.visibility ?? "shared",
    timeZone: seq?.timeZone ?? "UTC",
    dailyCap: seq?.dailyCap ?? 200,
    settings,
    steps: steps.map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      kind: s.kind,
      delayAmount: s.delayAmount,
      delayUnit: s.delayUnit,
      config: s.config,
    })),
  });
  const failed = (error: unknown) => {
    const fields = fieldErrorsOf(error);
    setErrors(fields);
    setNotice(
      Object.keys(fields).length ? "The server refused some fields; they are marked below." : toConsoleFailure(error).message,
    );
  };
  function submit() {
    setNotice(null);
    const data = body();
    const parsed = sequencePutSchema.safeParse(data);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message])));
      setNotice("Some fields need a fix; they are marked below.");
      return;
    }
    setErrors({});
    const inFlight = seq && seq.stats.active + seq.stats.paused > 0;
    if (inFlight) editPreview.mutate(data, { onSuccess: setPreview, onError: failed });
    else doSave(data);
  }
  function doSave(data: SequenceInput) {
    save.mutate(data, {
      onSuccess: (saved) => {
        setPreview(null);
        setNotice("Saved.");
        if (!seq) void navigate(`/sequences/${saved.id}`, { replace: true });
      },
      onError: failed,
    });
  }
  const update = (i: number, s: DraftStep) => setSteps((all) => all.map((x, j) => (j === i ? s : x)));
  const move = (i: number, by: -1 | 1) =>
    setSteps((all) => {
      const next = [...all];
      const [s] = next.splice(i, 1);
      next.splice(i + by, 0, s!);
      return next;
    });
  const topErrors = Object.entries(errors).filter(([p]) => p === "" || p === "steps");

  return (
    <div className="flex flex-col gap-6">
      {seq && (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3">
          <SequenceStatus status={seq.status} />
          <span className="text-sm text-slate-600">
            {seq.stats.enrolled} enrolled · {seq.stats.active} active · {seq.stats.replied} replied
          </span>
          <div className="ml-auto flex gap-2">
            {seq.status !== "active" && (
              <Button busy={status.isPending} onClick={() => status.mutate("activate", { onError: failed })}>
                Activate
              </Button>
            )}
            {seq.status === "active" && (
              <Button variant="secondary" busy={status.isPending} onClick={() => status.mutate("pause", { onError: failed })}>
                Pause
              </Button>
            )}
            {seq.status !== "archived" && (
              <Button variant="secondary" busy={status.isPending} onClick={() => status.mutate("archive", { onError: failed })}>
                Archive
              </Button>
            )}
          </div>
        </div>
      )}
      <TextField label="Name" value={name} error={errors.name} onChange={(e) => setName(e.target.value)} className="max-w-lg" />
      <div className="grid gap-6 lg:grid-cols-5">
        <section aria-labelledby="steps-heading" className="flex min-w-0 flex-col gap-3 lg:col-span-3">
          <h2 id="steps-heading" className="text-base font-semibold text-slate-900">
            Steps
          </h2>
          <p className="text-xs text-slate-500">
            3–5 steps, 3, 5 and 7 business days apart, work well. Follow-ups go out as replies in the same thread.
          </p>
          <ol className="flex flex-col gap-3">
            {steps.map((s, i) => (
              <StepEditor
                key={s.key}
                step={s}
                index={i}
                count={steps.length}
                templates={templates.data?.items ?? []}
                errors={errors}
                onChange={(x) => update(i, x)}
                onMove={(by) => move(i, by)}
                onDelete={() => setSteps((all) => all.filter((_, j) => j !== i))}
              />
            ))}
          </ol>
          <Button
            variant="secondary"
            className="self-start"
            onClick={() => setSteps((all) => [...all, newStep(all.length === 0)])}
          >
            Add step
          </Button>
        </section>
        <section aria-label="Settings" className="min-w-0 lg:col-span-2">
          <SettingsPanel value={settings} errors={errors} onChange={setSettings} />
        </section>
      </div>
      {topErrors.map(([p, m]) => (
        <FormAlert key={p}>{m}</FormAlert>
      ))}
      {notice && <FormAlert kind={notice === "Saved." ? "success" : "error"}>{notice}</FormAlert>}
      <div className="flex gap-2">
        <Button busy={save.isPending || editPreview.isPending} onClick={submit}>
          {seq ? "Save" : "Save as draft"}
        </Button>
      </div>
      <Dialog open={preview !== null} title="Save changes to a running sequence?" onClose={() => setPreview(null)}>
        <p className="text-sm text-slate-700">
          {preview?.inFlight === 1 ? "1 enrollment is" : `${preview?.inFlight} enrollments are`} in flight. Saving:
        </p>
        <ul className="mt-2 list-disc pl-5 text-sm text-slate-800">
          {(preview?.lines.length ? preview.lines : ["change nothing for them"]).map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
        <p className="mt-2 text-xs text-slate-500">A step already sent is never sent again.</p>
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setPreview(null)}>
            Keep editing
          </Button>
          <Button busy={save.isPending} onClick={() => doSave(body())}>
            Save changes
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
