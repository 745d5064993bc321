import { templateSchema, type Template } from "@threadline/shared/schemas";
import { backendRequest } from "../backend-request";
import { handleMessage } from "../handle-message";
import { looseList } from "../loose-list";
import { sidebarCache } from "../sidebar-cache";

export default handleMessage<Record<string, never>, Template[]>(async () => {
  const templates = await backendRequest({
    path: "/api/v1/templates",
    query: { limit: "200" },
    schema: looseList(templateSchema),
  });
  await sidebarCache.templates.put({ key: "all", templates, fetchedAt: Date.now() });
  return templates;
});
