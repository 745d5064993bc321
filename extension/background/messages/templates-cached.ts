import type { Template } from "@threadline/shared/schemas";
import type { Cached } from "@threadline/shared/ui";
import { handleMessage } from "../handle-message";
import { sidebarCache } from "../sidebar-cache";

export default handleMessage<Record<string, never>, Cached<Template[]> | null>(async () => {
  const row = await sidebarCache.templates.get("all");
  return row ? { value: row.templates, fetchedAt: row.fetchedAt } : null;
});
