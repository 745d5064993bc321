import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { tokenCreateSchema } from "@threadline/shared/schemas";
import type { z } from "zod";
import { fieldErrorsOf, toConsoleFailure } from "../../api/api-call";
import { Button } from "../../ui/button";
import { CopyField } from "../../ui/copy-field";
import { Dialog } from "../../ui/dialog";
import { FormAlert } from "../../ui/form-alert";
import { SelectField } from "../../ui/select-field";
import { TextField } from "../../ui/text-field";
import { useCreateToken } from "./use-tokens";

const expiryChoices = [
  ["", "Never (until revoked)"],
  ["7", "7 days"],
  ["30", "30 days"],
  ["90", "90 days"],
  ["366", "1 year"],
] as const;

type Form = z.input<typeof tokenCreateSchema>;

/** "Create token": name and optional expiry → the secret, shown once with a Copy button. */
export function CreateTokenDialog(props: { open: boolean; onClose: () => void }) {
  const create = useCreateToken();
  const form = useForm<Form>({ resolver: zodResolver(tokenCreateSchema), defaultValues: { name: "" } });
  const serverFields = fieldErrorsOf(create.error);
  const close = () => {
    create.reset();
    form.reset();
    props.onClose();
  };
  const submit = form.handleSubmit((values) => create.mutate(values));
  const created = create.data;
  return (
    <Dialog open={props.open} title={created ? "Token created" : "Create token"} onClose={close}>
      {created ? (
        <div className="space-y-4">
          <FormAlert kind="success">
            Copy <strong>{created.name}</strong> now: Threadline keeps only a fingerprint of it and can't show it again.
          </FormAlert>
          <CopyField label="Your new API token" value={created.token} />
          <p className="text-xs text-slate-600">
            Paste it into the Gmail extension's or the Outlook add-in's settings, or send it as{" "}
            <code className="rounded bg-slate-100 px-1">Authorization: Bearer …</code> from a script.
          </p>
          <div className="flex justify-end">
            <Button onClick={close}>Done</Button>
          </div>
        </div>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate className="space-y-4">
          <TextField
            label="Name"
            placeholder="e.g. Reporting script"
            hint="So you recognise it in this list later."
            autoFocus
            error={form.formState.errors.name?.message ?? serverFields.name}
            {...form.register("name")}
          />
          <SelectField
            label="Expires"
            error={form.formState.errors.expiresInDays?.message ?? serverFields.expiresInDays}
            {...form.register("expiresInDays", { setValueAs: (v: string) => (v === "" ? undefined : Number(v)) })}
          >
            {expiryChoices.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
          {create.isError && Object.keys(serverFields).length === 0 && (
            <FormAlert>{toConsoleFailure(create.error).message}</FormAlert>
          )}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" busy={create.isPending}>
              Create token
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
