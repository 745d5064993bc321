import { z } from "zod";
import { BackendFailure } from "../backend-failure";
import { apiUrl, backendRequest } from "../backend-request";
import { handleMessage } from "../handle-message";
import { writeSettings } from "../settings-store";

export interface SignInBody {
  baseUrl: string;
  token: string;
  /** false = only test the connection, keep the saved settings. */
  save: boolean;
}

/** Tests URL and token (health, then an authenticated call) and saves them when both work. */
export default handleMessage<SignInBody, { workspaceOk: true }>(async ({ baseUrl, token, save }) => {
  let base: URL;
  try {
    base = new URL(baseUrl.trim());
    if (base.protocol !== "https:" && base.protocol !== "http:") throw new Error();
  } catch {
    throw new BackendFailure({
      kind: "invalid",
      message: "The backend URL must look like https://threadline.example.com.",
      status: null,
    });
  }
  const settings = { baseUrl: base.toString().replace(/\/$/, ""), token: token.trim() };
  if (!settings.token) throw new BackendFailure({ kind: "invalid", message: "Enter your API token.", status: null });
  try {
    const res = await fetch(apiUrl(settings.baseUrl, "/health"), { signal: AbortSignal.timeout(8_000), credentials: "omit" });
    if (!res.ok) throw new Error(String(res.status));
  } catch {
    throw new BackendFailure({
      kind: "offline",
      message: `No Threadline server answers at ${settings.baseUrl}. Check the URL and that the backend is running.`,
      status: null,
    });
  }
  try {
    await backendRequest({ path: "/api/v1/contacts", query: { limit: "1" }, schema: z.unknown(), settings });
  } catch (e) {
    if (e instanceof BackendFailure && e.data.kind === "unauthorized") {
      throw new BackendFailure({ ...e.data, message: `The server refused this API token: ${e.data.message}` });
    }
    throw e;
  }
  if (save) await writeSettings(settings);
  return { workspaceOk: true };
});
