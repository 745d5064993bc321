import { handleMessage } from "../handle-message";
import { readSettings } from "../settings-store";

/** For the options page: the saved URL and whether a token is set (the token itself is never sent back). */
export default handleMessage<Record<string, never>, { baseUrl: string | null; hasToken: boolean }>(async () => {
  const s = await readSettings();
  return { baseUrl: s?.baseUrl ?? null, hasToken: !!s?.token };
});
