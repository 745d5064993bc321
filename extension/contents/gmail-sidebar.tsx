// The Gmail content script: one fixed, collapsible sidebar on the right, in Plasmo's shadow root, rendering
// the shared sidebar against the Gmail MailHost. No MAIN-world code; the backend is reached via the service worker.
import cssText from "data-text:~style.css";
import type { PlasmoCSConfig } from "plasmo";
import { useCallback, useEffect, useState } from "react";
import { Sidebar } from "@threadline/shared/ui";
import { createGmailMailHost } from "~gmail/gmail-mail-host";
import { makeRoomForSidebar } from "~gmail/make-room-for-sidebar";
import { createMessagingSidebarApi, extensionMessage } from "~messaging/create-messaging-sidebar-api";

export const config: PlasmoCSConfig = {
  matches: ["https://mail.google.com/*"],
  run_at: "document_idle",
  all_frames: false,
};

export const getShadowHostId = () => "threadline-sidebar-host";

export const getStyle = () => {
  const style = document.createElement("style");
  style.textContent = cssText;
  return style;
};

const WIDTH = 340;
const RAIL = 36;
const COLLAPSED_KEY = "threadline.sidebarCollapsed";

const lifetime = new AbortController();
const host = createGmailMailHost({ signal: lifetime.signal });
const api = createMessagingSidebarApi();
const openSettings = () => void extensionMessage("open-options").catch(() => undefined);
// The charts (recharts) live in an extension page, not in this content script: the tab shows it in an iframe.
const renderAnalytics = () => (
  <iframe
    title="Threadline analytics"
    src={chrome.runtime.getURL("tabs/analytics.html")}
    style={{ display: "block", width: "100%", height: "100%", minHeight: 640, border: 0 }}
  />
);

export default function GmailSidebar() {
  const [collapsed, setCollapsed] = useState<boolean | null>(null);
  useEffect(() => {
    chrome.storage.local.get(COLLAPSED_KEY).then((v) => setCollapsed(v[COLLAPSED_KEY] === true));
  }, []);
  useEffect(() => {
    if (collapsed === null) return;
    return makeRoomForSidebar(document, collapsed ? RAIL : WIDTH);
  }, [collapsed]);
  const onCollapsedChange = useCallback((next: boolean) => {
    setCollapsed(next);
    void chrome.storage.local.set({ [COLLAPSED_KEY]: next });
  }, []);
  if (collapsed === null) return null;
  return (
    <div style={{ position: "fixed", top: 0, right: 0, bottom: 0, width: collapsed ? RAIL : WIDTH, zIndex: 2147483000 }}>
      <Sidebar
        host={host}
        api={api}
        collapsed={collapsed}
        onCollapsedChange={onCollapsedChange}
        onOpenSettings={openSettings}
        renderAnalytics={renderAnalytics}
      />
    </div>
  );
}
