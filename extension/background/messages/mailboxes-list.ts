import type { MailboxOption } from "@threadline/shared/ui";
import { z } from "zod";
import { backendRequest } from "../backend-request";
import { handleMessage } from "../handle-message";
import { looseList } from "../loose-list";

const mailbox = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string().nullable().optional(),
  active: z.boolean().optional(),
});

export default handleMessage<Record<string, never>, MailboxOption[]>(async () => {
  const items = await backendRequest({ path: "/api/v1/mailboxes", schema: looseList(mailbox) });
  return items.filter((m) => m.active !== false).map((m) => ({ id: m.id, email: m.email, name: m.displayName ?? null }));
});
