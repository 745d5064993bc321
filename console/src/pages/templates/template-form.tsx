import { zodResolver } from "@hookform/resolvers/zod";
import { templateWriteSchema, type Template } from "@threadline/shared/schemas/template";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { fieldErrorsOf, toConsoleFailure } from "../../api/api-call";
import { Button } from "../../ui/button";
import { FormAlert } from "../../ui/form-alert";
import { RichTextEditor, type RichTextHandle } from "../../ui/rich-text-editor";
import { SelectField } from "../../ui/select-field";
import { TextField } from "../../ui/text-field";
import { TemplatePreviewPanel } from "./template-preview-panel";
import { useSaveTemplate } from "./use-templates";
import { VariablePicker } from "./variable-picker";

type FormIn = z.input<typeof templateWriteSchema>;
type FormOut = z.output<typeof templateWriteSchema>;
const FIELDS = ["name", "subject", "bodyHtml", "visibility", "folder"] as const;

/** Name, Subject, Body (rich text), who sees it, folder; validated by the API's own schema, then by the server. */
export function TemplateForm(props: { template?: Template; onSaved: (t: Template) => void; actions?: React.ReactNode }) {
  const t = props.template;
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(templateWriteSchema),
    defaultValues: {
      name: t?.name ?? "",
      subject: t?.subject ?? "",
      bodyHtml: t?.bodyHtml ?? "",
      visibility: t?.visibility ?? "shared",
      folder: t?.folder ?? "",
    },
  });
  const save = useSaveTemplate(t?.id);
  const [saved, setSaved] = useState<string | null>(null);
  const body = useRef<RichTextHandle | null>(null);
  const subjectEl = useRef<HTMLInputElement | null>(null);
  const [target, setTarget] = useState<"subject" | "body">("body");
  const subjectReg = form.register("subject");
  const errors = form.formState.errors;

  function insert(token: string) {
    const el = subjectEl.current;
    if (target === "body" || !el) return body.current?.insertText(token);
    const at = el.selectionStart ?? el.value.length;
    const next = el.value.slice(0, at) + token + el.value.slice(el.selectionEnd ?? at);
    form.setValue("subject", next, { shouldDirty: true, shouldValidate: true });
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(at + token.length, at + token.length);
    });
  }

  const onSubmit = form.handleSubmit((data) => {
    setSaved(null);
    save.mutate(
      { ...data, folder: data.folder ? data.folder : null },
      {
        onSuccess: (result) => {
          setSaved(`Saved · version ${result.version}`);
          form.reset(form.getValues());
          props.onSaved(result);
        },
        onError: (error) => {
          for (const [path, message] of Object.entries(fieldErrorsOf(error))) {
            const field = FIELDS.find((f) => f === path);
            if (field) form.setError(field, { type: "server", message });
          }
        },
      },
    );
  });
  const serverFailure = save.error ? toConsoleFailure(save.error) : null;
  const values = form.watch();

  return (
    <div className="grid gap-6 lg:grid-cols-5">
      <form noValidate onSubmit={(e) => void onSubmit(e)} className="flex min-w-0 flex-col gap-4 lg:col-span-3">
        <TextField label="Name" autoComplete="off" error={errors.name?.message} {...form.register("name")} />
        <div className="flex items-end gap-2">
          <TextField
            className="flex-1"
            label="Subject"
            autoComplete="off"
            error={errors.subject?.message}
            {...subjectReg}
            ref={(el) => {
              subjectReg.ref(el);
              subjectEl.current = el;
            }}
            onFocus={() => setTarget("subject")}
          />
        </div>
        <div className="flex items-center justify-between">
          <p className="text-xs text-slate-500">
            Variables read <code className="font-mono">{"{{first_name | there}}"}</code>: the value, or the fallback after the
            bar.
          </p>
          <VariablePicker target={target === "body" ? "body" : "subject"} onInsert={insert} />
        </div>
        <RichTextEditor
          label="Body"
          initialHtml={t?.bodyHtml ?? ""}
          onReady={(h) => (body.current = h)}
          onFocus={() => setTarget("body")}
          onChange={(html) => form.setValue("bodyHtml", html, { shouldDirty: true, shouldValidate: form.formState.isSubmitted })}
          error={errors.bodyHtml?.message}
          hint="Paste from Word or Gmail keeps bold, italic, lists and links; everything else is cleaned away. Every sequence mail gets an unsubscribe line."
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label="Who can use it" error={errors.visibility?.message} {...form.register("visibility")}>
            <option value="shared">Everyone in the workspace</option>
            <option value="private">Only me</option>
          </SelectField>
          <TextField label="Folder" placeholder="e.g. Follow-ups" error={errors.folder?.message} {...form.register("folder")} />
        </div>
        {serverFailure && (serverFailure.kind !== "invalid" || Object.keys(fieldErrorsOf(save.error)).length === 0) && (
          <FormAlert>{serverFailure.message}</FormAlert>
        )}
        {saved && !form.formState.isDirty && <FormAlert kind="success">{saved}</FormAlert>}
        <div className="flex items-center gap-2">
          <Button type="submit" busy={save.isPending}>
            Save
          </Button>
          {props.actions}
        </div>
      </form>
      <div className="min-w-0 lg:col-span-2">
        <TemplatePreviewPanel subject={values.subject ?? ""} bodyHtml={values.bodyHtml ?? ""} />
      </div>
    </div>
  );
}
