// Entry of the task pane bundle: waits for Office.onReady (office.js comes from Microsoft's CDN in <head>), builds
// the Outlook MailHost and renders the app. Nothing renders before Office is ready.
import { createRoot } from "react-dom/client";
import { createNestedAppTokenSource, nestedAppAuthSupported } from "../office/nested-app-auth";
import { createOfficeMailHost } from "../office/office-mail-host";
import { TaskpaneApp } from "./taskpane-app";

declare const __ENTRA_CLIENT_ID__: string;
declare const __ENTRA_AUTHORITY__: string;
declare const __ENTRA_API_SCOPE__: string;

const root = document.getElementById("root")!;

function showFatal(message: string) {
  root.innerHTML = "";
  const p = document.createElement("p");
  p.setAttribute("role", "alert");
  p.style.cssText = "font: 13px system-ui; color: #991b1b; padding: 12px";
  p.textContent = message;
  root.append(p);
}

async function start() {
  if (typeof Office === "undefined") {
    showFatal("Threadline runs inside Outlook: office.js did not load. Check the connection and reopen the add-in.");
    return;
  }
  await Office.onReady();
  if (!Office.context?.mailbox) {
    showFatal("Threadline is an Outlook add-in: open it from a message in Outlook (Apps → Threadline), not in a browser tab.");
    return;
  }
  const host = createOfficeMailHost(Office);
  await host.start();
  let microsoftToken: (() => Promise<string>) | null = null;
  if (__ENTRA_CLIENT_ID__ && __ENTRA_API_SCOPE__ && nestedAppAuthSupported(Office)) {
    const source = createNestedAppTokenSource({
      clientId: __ENTRA_CLIENT_ID__,
      authority: __ENTRA_AUTHORITY__ || null,
      apiScope: __ENTRA_API_SCOPE__,
    });
    source.catch((err: unknown) => console.error("[threadline] Microsoft sign-in is unavailable:", err));
    microsoftToken = async () => (await source)();
  }
  createRoot(root).render(
    <TaskpaneApp
      host={host}
      storage={window.localStorage}
      defaultBackendUrl={window.location.origin}
      microsoftToken={microsoftToken}
    />,
  );
  // Tests and bench:pane wait for this mark.
  document.documentElement.dataset.threadlineReady = "true";
}

start().catch((err: unknown) => showFatal(`Threadline could not start: ${(err as Error)?.message ?? String(err)}`));
