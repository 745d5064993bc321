import { z } from "zod";
import { BackendFailure } from "../backend-failure";
import { backendRequest } from "../backend-request";
import { handleMessage } from "../handle-message";
import { writeSettings } from "../settings-store";

export interface SignInBody {
  baseUrl: string;
  token: string;
  /** false = only test the connection, keep the saved settings. */
  save: boolean;
}

/** Tests URL and token with one authenticated call and saves them when it works. */
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
    await backendRequest({ path: "/api/v1/contacts", query: { limit: "1" }, schema: z.unknown(), settings });
  } catch (e) {
    if (e instanceof BackendFailure && e.data.kind === "unauthorized") {
      throw new BackendFailure({ ...e.data, message: `The server refused this API token: ${e.data.message}` });
    }
    if (e instanceof BackendFailure && e.data.kind === "offline") {
      throw new BackendFailure({
        ...e.data,
        message: `No Threadline server answers at ${settings.baseUrl}. Check the URL, that the backend is running, and that its CORS_ORIGINS lists chrome-extension://${chrome.runtime.id}.`,
      });
    }
    if (e instanceof BackendFailure && e.data.kind === "not_found") {
      throw new BackendFailure({
        ...e.data,
        message: `${settings.baseUrl} answers, but it is not a Threadline backend (no /api/v1/contacts).`,
      });
    }
    throw e;
  }
  if (save) await writeSettings(settings);
  return { workspaceOk: true };
});
