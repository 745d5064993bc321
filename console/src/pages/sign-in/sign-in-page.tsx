import { CenteredCard } from "../../ui/centered-card";

export function SignInPage() {
  return (
    <CenteredCard title="Sign in to Threadline" subtitle="Console accounts are being switched on.">
      <p className="text-sm text-slate-700">
        Signing in with email and password arrives with the console's accounts. Until then, use the API token printed by the
        backend in the Gmail extension, the Outlook add-in or the API.
      </p>
    </CenteredCard>
  );
}
