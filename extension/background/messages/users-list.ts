import type { UserOption } from "@threadline/shared/ui";
import { z } from "zod";
import { BackendFailure } from "../backend-failure";
import { backendRequest } from "../backend-request";
import { handleMessage } from "../handle-message";
import { looseList } from "../loose-list";

const user = z.object({ id: z.string(), name: z.string(), email: z.string() });
// Owners' names stay readable offline: the last list is kept beside the card cache.
const KEY = "threadline.users";

export default handleMessage<Record<string, never>, UserOption[]>(async () => {
  try {
    const users = (await backendRequest({ path: "/api/v1/users", schema: looseList(user) })).map(({ id, name, email }) => ({
      id,
      name,
      email,
    }));
    await chrome.storage.local.set({ [KEY]: users });
    return users;
  } catch (e) {
    const saved = (await chrome.storage.local.get(KEY))[KEY] as UserOption[] | undefined;
    if (e instanceof BackendFailure && e.data.kind === "offline" && saved) return saved;
    throw e;
  }
});
