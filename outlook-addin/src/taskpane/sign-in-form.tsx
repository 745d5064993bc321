// Sign-in for the pane: backend URL + API token (works in every Outlook), or Microsoft sign-in (nested app
// authentication) when the build is configured for it and the client supports it.
import { useState, type FormEvent } from "react";
import { normalizeBackendUrl, type BackendSettings } from "./backend-settings";
import { signInErrorText } from "./link-microsoft-account";

export interface SignInFormProps {
  defaultUrl: string;
  initial: BackendSettings | null;
  microsoftAvailable: boolean;
  /** Checks the settings against the backend; rejects with a message to show. */
  onSubmit(settings: BackendSettings): Promise<void>;
  /** "Link Microsoft account" (offered with Microsoft sign-in): links it to the user of the token typed here. */
  onLinkMicrosoft?(settings: BackendSettings): Promise<void>;
  onCancel?: () => void;
}

export function SignInForm({ defaultUrl, initial, microsoftAvailable, onSubmit, onLinkMicrosoft, onCancel }: SignInFormProps) {
  const [url, setUrl] = useState(initial?.backendUrl ?? defaultUrl);
  const [token, setToken] = useState(initial?.method === "token" ? (initial.token ?? "") : "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(method: BackendSettings["method"] | "link", event?: FormEvent) {
    event?.preventDefault();
    setError(null);
    let backendUrl: string;
    try {
      backendUrl = normalizeBackendUrl(url);
    } catch (err) {
      setError((err as Error).message);
      return;
    }
    if (method !== "microsoft" && !token.trim()) {
      setError(
        method === "link"
          ? "Paste your API token first: it proves which Threadline user the Microsoft account belongs to."
          : "Paste your API token (Threadline → Settings → API tokens).",
      );
      return;
    }
    setBusy(true);
    try {
      if (method === "link") await onLinkMicrosoft?.({ backendUrl, method: "token", token: token.trim() });
      else await onSubmit({ backendUrl, method, token: method === "token" ? token.trim() : null });
    } catch (err) {
      setError(signInErrorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="flex flex-col gap-3 p-4 text-sm text-slate-800"
      onSubmit={(e) => void submit("token", e)}
      aria-label="Sign in to Threadline"
    >
      <h1 className="text-base font-semibold">Sign in to Threadline</h1>
      <label className="flex flex-col gap-1">
        <span className="font-medium">Backend URL</span>
        <input
          className="rounded border border-slate-300 px-2 py-1"
          type="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          autoComplete="url"
          required
        />
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">API token</span>
        <input
          className="rounded border border-slate-300 px-2 py-1 font-mono"
          type="password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          autoComplete="off"
          placeholder="tl_…"
        />
      </label>
      {error && (
        <p role="alert" className="rounded bg-red-50 px-2 py-1 text-red-800">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-teal-700 px-3 py-1.5 font-medium text-white disabled:opacity-60"
        >
          {busy ? "Signing in…" : "Sign in"}
        </button>
        {microsoftAvailable && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void submit("microsoft")}
            className="rounded border border-slate-300 px-3 py-1.5 font-medium disabled:opacity-60"
          >
            Sign in with Microsoft
          </button>
        )}
        {microsoftAvailable && onLinkMicrosoft && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void submit("link")}
            className="rounded border border-slate-300 px-3 py-1.5 font-medium disabled:opacity-60"
          >
            Link Microsoft account
          </button>
        )}
        {onCancel && (
          <button type="button" onClick={onCancel} className="px-2 py-1.5 text-slate-600 underline">
            Cancel
          </button>
        )}
      </div>
      <p className="text-xs text-slate-500">The token is kept in this Outlook's local storage for this add-in only.</p>
      {microsoftAvailable && onLinkMicrosoft && (
        <p className="text-xs text-slate-500">
          First time with Microsoft? Enter your API token once and press “Link Microsoft account”; then the token is no longer
          needed here.
        </p>
      )}
    </form>
  );
}
