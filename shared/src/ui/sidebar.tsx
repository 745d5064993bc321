import { type KeyboardEvent, type ReactNode, type SyntheticEvent, useEffect, useState } from "react";
import { ContactCard } from "./contact-card";
import type { MailHost } from "./mail-host";
import { SequencePanel } from "./sequence-panel";
import type { SidebarApi } from "./sidebar-api";
import { StatusNotice } from "./status-notice";
import { TemplatesPanel } from "./templates-panel";
import { useCard } from "./use-card";
import { useLoader } from "./use-loader";
import { useComposeState, useOpenThread } from "./use-mail-host";

export interface SidebarProps {
  host: MailHost;
  api: SidebarApi;
  /** Hosts with a collapsible frame (Gmail) pass these; the Outlook task pane leaves them out. */
  collapsed?: boolean;
  onCollapsedChange?(collapsed: boolean): void;
  /** Shown as a button when the user is not signed in or the token was refused. */
  onOpenSettings?(): void;
  /**
   * The Analytics tab's content, from the host. The shared sidebar never imports the charts (recharts) itself, so
   * Gmail's content script stays small: the extension renders an iframe of its own page; Outlook renders
   * AnalyticsPanel directly. Without it there is no Analytics tab.
   */
  renderAnalytics?: () => ReactNode;
}

type Tab = "contact" | "templates" | "sequences" | "analytics";
const ALL_TABS: { id: Tab; label: string }[] = [
  { id: "contact", label: "Contact" },
  { id: "templates", label: "Templates" },
  { id: "sequences", label: "Sequences" },
  { id: "analytics", label: "Analytics" },
];

// Keys typed in the sidebar must never reach the mail client's shortcut handlers ("c" = compose in Gmail).
const stop = (e: SyntheticEvent) => e.stopPropagation();

export function Sidebar({ host, api, collapsed = false, onCollapsedChange, onOpenSettings, renderAnalytics }: SidebarProps) {
  const thread = useOpenThread(host);
  const compose = useComposeState(host);
  const person = thread?.sender ?? (compose.open && !thread ? (compose.recipients[0] ?? null) : null);
  const card = useCard(api, person?.email ?? null, person?.name ?? null);
  const users = useLoader("users", () => api.listUsers());
  const [tab, setTab] = useState<Tab>("contact");
  const [focusToken, setFocusToken] = useState(0);
  // Analytics only where the host provides the view.
  const TABS = ALL_TABS.filter((t) => t.id !== "analytics" || renderAnalytics);

  useEffect(
    () =>
      host.onTemplateShortcut?.(() => {
        onCollapsedChange?.(false);
        setTab("templates");
        setFocusToken((n) => n + 1);
      }),
    [host, onCollapsedChange],
  );

  const offline = card.error?.kind === "offline";
  const needsSignIn = card.error?.kind === "not_signed_in" || card.error?.kind === "unauthorized";
  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const i = TABS.findIndex((t) => t.id === tab);
    setTab(TABS[(i + (e.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length]!.id);
  };

  if (collapsed) {
    return (
      <aside
        data-threadline-sidebar="collapsed"
        aria-label="Threadline"
        onKeyDown={stop}
        onKeyUp={stop}
        onKeyPress={stop}
        className="flex h-full w-full flex-col items-center border-l border-slate-200 bg-white pt-2"
      >
        <button
          type="button"
          aria-expanded="false"
          aria-label="Open Threadline sidebar"
          onClick={() => onCollapsedChange?.(false)}
          className="rounded bg-teal-700 px-1.5 py-1 text-xs font-bold text-white"
        >
          T
        </button>
        {offline && <span className="mt-2 h-2 w-2 rounded-full bg-amber-500" title="Offline" />}
      </aside>
    );
  }

  return (
    <aside
      data-threadline-sidebar="open"
      aria-label="Threadline"
      onKeyDown={stop}
      onKeyUp={stop}
      onKeyPress={stop}
      className="flex h-full w-full flex-col border-l border-slate-200 bg-white text-[13px] text-slate-900"
    >
      <header className="flex items-center gap-2 border-b border-slate-200 px-3 py-2">
        <h1 className="text-sm font-bold text-teal-800">Threadline</h1>
        {offline && (
          <span
            data-testid="offline-badge"
            role="status"
            className="rounded bg-amber-100 px-1.5 text-[11px] font-medium text-amber-900"
            title="The server can't be reached; showing the saved card. Changes are not possible."
          >
            Offline
          </span>
        )}
        {card.fetching && card.card && !offline && (
          <span role="status" className="text-[10px] text-slate-400">
            updating…
          </span>
        )}
        {onCollapsedChange && (
          <button
            type="button"
            aria-expanded="true"
            aria-label="Collapse Threadline sidebar"
            onClick={() => onCollapsedChange(true)}
            className="ml-auto rounded px-1.5 text-slate-500 hover:bg-slate-100"
          >
            »
          </button>
        )}
      </header>
      <div role="tablist" aria-label="Threadline sections" className="flex border-b border-slate-200" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tl-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls="tl-panel"
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            className={`flex-1 py-1.5 text-xs ${tab === t.id ? "border-b-2 border-teal-700 font-semibold text-teal-800" : "text-slate-500"}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id="tl-panel" role="tabpanel" aria-labelledby={`tl-tab-${tab}`} className="min-h-0 flex-1 overflow-y-auto">
        {needsSignIn && (
          <StatusNotice kind="error" failure={card.error}>
            {card.error?.kind === "unauthorized" ? "Your API token was refused." : "Not signed in to Threadline."}
            {onOpenSettings && (
              <button type="button" onClick={onOpenSettings} className="ml-2 font-medium underline">
                Open settings
              </button>
            )}
          </StatusNotice>
        )}
        {offline && card.card && (
          <p className="mx-3 mt-2 rounded bg-amber-50 px-2 py-1 text-[11px] text-amber-900">
            Offline: showing the card saved {card.fetchedAt ? new Date(card.fetchedAt).toLocaleString() : "earlier"}. Edits will
            fail until the server is back; nothing is queued.
          </p>
        )}
        {tab === "analytics" && renderAnalytics ? (
          renderAnalytics()
        ) : tab === "templates" ? (
          <TemplatesPanel
            api={api}
            host={host}
            compose={compose}
            recipient={(compose.open ? compose.recipients[0] : null) ?? person}
            contactId={card.card?.contact?.id ?? null}
            focusToken={focusToken}
          />
        ) : !person ? (
          <StatusNotice kind="empty">Open an email to see who wrote it.</StatusNotice>
        ) : !card.card ? (
          card.error && !needsSignIn ? (
            <StatusNotice kind="error" failure={card.error} onRetry={card.reload} />
          ) : card.error ? null : (
            <StatusNotice kind="loading">Loading {person.name ?? person.email}…</StatusNotice>
          )
        ) : tab === "contact" ? (
          <ContactCard api={api} card={card.card} users={users.data} onChanged={card.replace} onReload={card.reload} />
        ) : (
          <SequencePanel api={api} card={card.card} thread={thread} onChanged={card.reload} />
        )}
      </div>
    </aside>
  );
}
