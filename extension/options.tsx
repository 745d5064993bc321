// Options page: sign in with the backend URL and an API token. The service worker tests and stores them.
import "~style.css";
import { useEffect, useState } from "react";
import { ApiFailure } from "@threadline/shared/ui";
import { extensionMessage } from "~messaging/create-messaging-sidebar-api";

type Status = { tone: "ok" | "error" | "busy"; text: string } | null;

function explain(e: unknown): string {
  if (!(e instanceof ApiFailure)) return e instanceof Error ? e.message : String(e);
  if (e.kind === "unauthorized") return `${e.message} Create a token in Threadline (Settings → API tokens) and paste it here.`;
  return e.message;
}

export default function OptionsPage() {
  const [baseUrl, setBaseUrl] = useState("");
  const [token, setToken] = useState("");
  const [savedUrl, setSavedUrl] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(null);

  useEffect(() => {
    extensionMessage<{ baseUrl: string | null; hasToken: boolean }>("settings-read").then(
      (s) => {
        setSavedUrl(s.hasToken ? s.baseUrl : null);
        if (s.baseUrl) setBaseUrl(s.baseUrl);
      },
      () => undefined,
    );
  }, []);

  const run = async (save: boolean) => {
    setStatus({ tone: "busy", text: save ? "Signing in…" : "Testing…" });
    try {
      await extensionMessage("sign-in", { baseUrl, token, save });
      if (save) {
        setSavedUrl(baseUrl.trim().replace(/\/$/, ""));
        setToken("");
      }
      setStatus({
        tone: "ok",
        text: save
          ? "Signed in. Open or reload Gmail to see the sidebar."
          : "Connection works: server reached and token accepted.",
      });
    } catch (e) {
      setStatus({ tone: "error", text: explain(e) });
    }
  };
  const signOut = async () => {
    await extensionMessage("sign-out");
    setSavedUrl(null);
    setStatus({ tone: "ok", text: "Signed out; the saved cards and templates were removed from this computer." });
  };

  return (
    <main className="mx-auto max-w-md p-6 font-sans text-sm text-slate-900">
      <h1 className="mb-1 text-lg font-bold text-teal-800">Threadline for Gmail</h1>
      <p className="mb-4 text-slate-600">{savedUrl ? `Signed in to ${savedUrl}.` : "Not signed in."}</p>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          void run(true);
        }}
      >
        <label className="block">
          <span className="mb-1 block font-medium">Backend URL</span>
          <input
            type="url"
            required
            placeholder="https://threadline.example.com"
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
            className="w-full rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="block">
          <span className="mb-1 block font-medium">API token</span>
          <input
            type="password"
            required
            autoComplete="off"
            placeholder={savedUrl ? "(saved; paste a new one to replace it)" : "tl_…"}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            className="w-full rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <div className="flex gap-2">
          <button type="submit" className="rounded bg-teal-700 px-3 py-1.5 font-medium text-white">
            Sign in
          </button>
          <button type="button" onClick={() => void run(false)} className="rounded border border-slate-300 px-3 py-1.5">
            Test connection
          </button>
          {savedUrl && (
            <button type="button" onClick={() => void signOut()} className="ml-auto rounded px-3 py-1.5 text-red-700">
              Sign out
            </button>
          )}
        </div>
      </form>
      {status && (
        <p
          role={status.tone === "error" ? "alert" : "status"}
          data-testid="options-status"
          className={`mt-4 rounded px-2 py-1.5 ${status.tone === "error" ? "bg-red-50 text-red-800" : status.tone === "ok" ? "bg-green-50 text-green-800" : "text-slate-600"}`}
        >
          {status.text}
        </p>
      )}
      <p className="mt-6 text-xs text-slate-500">
        The token is kept in this browser profile only (chrome.storage.local) and is used by Threadline's background worker; Gmail
        pages never see it.
      </p>
    </main>
  );
}
