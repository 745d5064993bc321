import { handleMessage } from "../handle-message";
import { sidebarCache } from "../sidebar-cache";
import { writeSettings } from "../settings-store";

export default handleMessage<Record<string, never>, null>(async () => {
  await writeSettings(null);
  await chrome.storage.local.remove("threadline.users");
  await Promise.all([sidebarCache.cards.clear(), sidebarCache.templates.clear()]);
  return null;
});
