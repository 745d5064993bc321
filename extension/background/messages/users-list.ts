import type { UserOption } from "@threadline/shared/ui";
import { z } from "zod";
import { backendRequest } from "../backend-request";
import { handleMessage } from "../handle-message";
import { looseList } from "../loose-list";

const user = z.object({ id: z.string(), name: z.string(), email: z.string() });

export default handleMessage<Record<string, never>, UserOption[]>(async () => {
  const users = await backendRequest({ path: "/api/v1/users", schema: looseList(user) });
  return users.map(({ id, name, email }) => ({ id, name, email }));
});
