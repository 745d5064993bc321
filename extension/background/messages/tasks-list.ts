import type { TaskItem } from "@threadline/shared/ui";
import { z } from "zod";
import { backendRequest } from "../backend-request";
import { handleMessage } from "../handle-message";
import { looseList } from "../loose-list";

const task = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  dueAt: z.string(),
  status: z.enum(["open", "done", "skipped"]),
});

export default handleMessage<{ contactId: string }, TaskItem[]>(({ contactId }) =>
  backendRequest({ path: "/api/v1/tasks", query: { contactId }, schema: looseList(task) }),
);
