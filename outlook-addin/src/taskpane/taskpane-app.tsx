// The task pane: sign-in (memory routing: office.js breaks history.pushState) and the shared sidebar with the
// Outlook MailHost. Components never see Office: the host and the API come in as props.
import { Sidebar, type MailHost } from "@threadline/shared/ui";
import { AnalyticsPanel } from "@threadline/shared/ui/analytics";
import { useCallback, useMemo, useState } from "react";
import { clearBackendSettings, loadBackendSettings, saveBackendSettings, type BackendSettings } from "./backend-settings";
import { createFetchSidebarApi } from "./fetch-sidebar-api";
import { linkMicrosoftAccount } from "./link-microsoft-account";
import { SignInForm } from "./sign-in-form";

export interface TaskpaneAppProps {
  host: MailHost & { getInternetMessageId?(): string | null };
  storage: Storage;
  /** Pre-filled backend URL: the pane's own origin (its server forwards /api to the backend). */
  defaultBackendUrl: string;
  /** Set when Microsoft sign-in (nested app authentication) is configured and supported here. */
  microsoftToken: (() => Promise<string>) | null;
  fetch?: typeof fetch;
}

type Route = "sidebar" | "sign-in";

export function TaskpaneApp({ host, storage, defaultBackendUrl, microsoftToken, fetch: doFetch }: TaskpaneAppProps) {
  const [settings, setSettings] = useState<BackendSettings | null>(() => loadBackendSettings(storage));
  const [route, setRoute] = useState<Route>(settings ? "sidebar" : "sign-in");

  const apiFor = useCallback(
    (s: BackendSettings) =>
      createFetchSidebarApi({
        baseUrl: s.backendUrl,
        fetch: doFetch,
        getInternetMessageId: () => host.getInternetMessageId?.() ?? null,
        getToken: async () => (s.method === "microsoft" ? (microsoftToken ? microsoftToken() : null) : s.token),
      }),
    [doFetch, microsoftToken, host],
  );
  const api = useMemo(() => (settings ? apiFor(settings) : null), [settings, apiFor]);

  async function signIn(next: BackendSettings) {
    // One real call proves URL and credentials before anything is saved.
    await apiFor(next).checkSignIn();
    saveBackendSettings(storage, next);
    setSettings(next);
    setRoute("sidebar");
  }

  async function linkMicrosoft(withToken: BackendSettings) {
    if (!microsoftToken) return;
    const next = await linkMicrosoftAccount({ settings: withToken, apiFor, microsoftToken });
    saveBackendSettings(storage, next);
    setSettings(next);
    setRoute("sidebar");
  }

  function signOut() {
    clearBackendSettings(storage);
    setSettings(null);
    setRoute("sign-in");
  }

  if (route === "sign-in" || !api) {
    return (
      <SignInForm
        defaultUrl={defaultBackendUrl}
        initial={settings}
        microsoftAvailable={microsoftToken !== null}
        onSubmit={signIn}
        onLinkMicrosoft={microsoftToken ? linkMicrosoft : undefined}
        onCancel={settings ? () => setRoute("sidebar") : undefined}
      />
    );
  }
  return (
    <div className="flex h-screen flex-col">
      <div className="min-h-0 flex-1">
        <Sidebar
          host={host}
          api={api}
          onOpenSettings={() => setRoute("sign-in")}
          // The pane has no bundle budget: the charts render in place.
          renderAnalytics={() => <AnalyticsPanel listSequences={api.listSequences} sequenceAnalytics={api.sequenceAnalytics} />}
        />
      </div>
      <footer className="flex items-center justify-between border-t border-slate-200 px-3 py-1 text-[11px] text-slate-500">
        <span className="truncate" title={settings?.backendUrl}>
          {settings?.method === "microsoft" ? "Microsoft account" : "API token"} · {settings?.backendUrl}
        </span>
        <span className="flex gap-2">
          <button type="button" className="underline" onClick={() => setRoute("sign-in")}>
            Settings
          </button>
          <button type="button" className="underline" onClick={signOut}>
            Sign out
          </button>
        </span>
      </footer>
    </div>
  );
}
