// The typed client of the backend: hono's `hc` over the app's own type, so every path, parameter, body and
// response is checked at compile time against the routes' zod schemas. Type-only import: no backend code at runtime.
import { hc } from "hono/client";
import type { AppType } from "../../../backend/src/app";

export interface ApiClientOptions {
  /** Server origin, e.g. http://127.0.0.1:8787 (no /api/v1). */
  baseUrl: string;
  /** Bearer API token. Absent: the browser's session cookie is the credential (the console, same origin). */
  token?: string;
  /** Custom fetch (tests pass app.request; the extension may pass its own). */
  fetch?: typeof fetch;
}

export function createApiClient({ baseUrl, token, fetch: customFetch }: ApiClientOptions) {
  const client = hc<AppType>(baseUrl.replace(/\/$/, ""), {
    ...(token ? { headers: { authorization: `Bearer ${token}` } } : { init: { credentials: "same-origin" as const } }),
    ...(customFetch ? { fetch: customFetch } : {}),
  });
  return client.api.v1;
}

export type ApiClient = ReturnType<typeof createApiClient>;
