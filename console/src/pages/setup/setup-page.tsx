// First run: the database has no workspace. Creates the workspace and its owner, and signs in.
import { zodResolver } from "@hookform/resolvers/zod";
import { setupSchema, type SetupInput } from "@threadline/shared/schemas";
import { PASSWORD_MIN_LENGTH } from "@threadline/shared/domain/check-password";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Navigate } from "react-router";
import { applyServerErrors } from "../../forms/apply-server-errors";
import { useSetup, useSetupStatus } from "../../app/use-session";
import { Button } from "../../ui/button";
import { CenteredCard } from "../../ui/centered-card";
import { FormAlert } from "../../ui/form-alert";
import { QueryState } from "../../ui/query-state";
import { TextField } from "../../ui/text-field";

const fields = ["workspaceName", "name", "email", "password"] as const;

export function SetupPage() {
  const status = useSetupStatus();
  return (
    <CenteredCard
      title="Set up Threadline"
      subtitle="Create your team's workspace and your owner account. You can invite your reps next."
    >
      <QueryState query={status} what="setup">
        {({ needed }) => (needed ? <SetupForm /> : <Navigate to="/sign-in" replace />)}
      </QueryState>
    </CenteredCard>
  );
}

function SetupForm() {
  const setup = useSetup();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SetupInput>({ resolver: zodResolver(setupSchema), mode: "onTouched" });
  const errors = form.formState.errors;
  const submit = form.handleSubmit((input) => {
    setFormError(null);
    setup.mutate(input, {
      onError: (error) => setFormError(applyServerErrors({ error, fields, setError: form.setError })),
    });
  });
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="flex flex-col gap-4">
      {formError && <FormAlert>{formError}</FormAlert>}
      <TextField
        label="Workspace name"
        autoComplete="organization"
        placeholder="Acme Export Ltd."
        error={errors.workspaceName?.message}
        {...form.register("workspaceName")}
      />
      <TextField label="Your name" autoComplete="name" error={errors.name?.message} {...form.register("name")} />
      <TextField label="Email" type="email" autoComplete="email" error={errors.email?.message} {...form.register("email")} />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters; not your email, not a common password.`}
        error={errors.password?.message}
        {...form.register("password")}
      />
      <Button type="submit" busy={setup.isPending} className="mt-2">
        {setup.isPending ? "Creating workspace…" : "Create workspace"}
      </Button>
    </form>
  );
}
