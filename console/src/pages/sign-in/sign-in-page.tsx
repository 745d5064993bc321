// Email + password sign-in (and Google / Microsoft when the server has them configured). A fresh install goes to setup.
import { zodResolver } from "@hookform/resolvers/zod";
import { signInSchema, type SignInInput } from "@threadline/shared/schemas";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Navigate, useSearchParams } from "react-router";
import { toConsoleFailure } from "../../api/api-call";
import { applyServerErrors } from "../../forms/apply-server-errors";
import { useSetupStatus, useSignIn, useSignInProviders, useSocialSignIn } from "../../app/use-session";
import { Button } from "../../ui/button";
import { CenteredCard } from "../../ui/centered-card";
import { FormAlert } from "../../ui/form-alert";
import { QueryState } from "../../ui/query-state";
import { TextField } from "../../ui/text-field";

const fields = ["email", "password"] as const;
const providerName = { google: "Google", microsoft: "Microsoft" } as const;

export function SignInPage() {
  const status = useSetupStatus();
  return (
    <CenteredCard title="Sign in to Threadline" subtitle="Use the email and password of your Threadline account.">
      <QueryState query={status} what="sign-in">
        {({ needed }) => (needed ? <Navigate to="/setup" replace /> : <SignInForm />)}
      </QueryState>
    </CenteredCard>
  );
}

function SignInForm() {
  const [params] = useSearchParams();
  const signIn = useSignIn(params.get("next"));
  const social = useSocialSignIn();
  const providers = useSignInProviders();
  // better-auth returns here with ?error=… when a Google / Microsoft sign-in did not match a Threadline user.
  const [formError, setFormError] = useState<string | null>(
    params.get("error")
      ? "That Google or Microsoft account is not a Threadline user here. Ask your admin for an invitation."
      : null,
  );
  const form = useForm<SignInInput>({ resolver: zodResolver(signInSchema), mode: "onTouched" });
  const errors = form.formState.errors;
  const submit = form.handleSubmit((input) => {
    setFormError(null);
    signIn.mutate(input, {
      onError: (error) => {
        const failure = toConsoleFailure(error);
        // A wrong email or password (401) or too many tries (429) is about the whole form: one alert, announced.
        setFormError(
          failure.status === 401 || failure.status === 429
            ? failure.message
            : applyServerErrors({ error, fields, setError: form.setError }),
        );
        form.resetField("password", { keepError: true });
      },
    });
  });
  return (
    <>
      <form noValidate onSubmit={(e) => void submit(e)} className="flex flex-col gap-4">
        {formError && <FormAlert>{formError}</FormAlert>}
        <TextField label="Email" type="email" autoComplete="username" error={errors.email?.message} {...form.register("email")} />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          error={errors.password?.message}
          {...form.register("password")}
        />
        <Button type="submit" busy={signIn.isPending} className="mt-2">
          {signIn.isPending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {(providers.data?.providers.length ?? 0) > 0 && (
        <div className="mt-6 flex flex-col gap-2 border-t border-slate-200 pt-6">
          {providers.data?.providers.map((p) => (
            <Button
              key={p}
              variant="secondary"
              busy={social.isPending && social.variables === p}
              onClick={() => social.mutate(p)}
            >
              Sign in with {providerName[p]}
            </Button>
          ))}
          {social.isError && <FormAlert>{toConsoleFailure(social.error).message}</FormAlert>}
        </div>
      )}
      <p className="mt-6 text-xs text-slate-500">No account yet? Ask your workspace's admin for an invitation.</p>
    </>
  );
}
