// The one place the extension talks to the backend. It runs in the service worker; the token never reaches the page.
// Swap for shared/src/api/client.ts (hono `hc`) once that lands: the message handlers only see backendRequest().
import type { z } from "zod";
import { BackendFailure, failureFromStatus } from "./backend-failure";
import { readSettings, type Settings } from "./settings-store";

const TIMEOUT_MS = 8_000;

export interface RequestOptions<S extends z.ZodType> {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  schema: S;
  /** Defaults to the stored settings; the options page tests unsaved ones. */
  settings?: Settings;
}

export function apiUrl(baseUrl: string, path: string, query?: Record<string, string | undefined>): URL {
  const url = new URL(path.replace(/^\//, ""), baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
  return url;
}

export async function backendRequest<S extends z.ZodType>(opts: RequestOptions<S>): Promise<z.infer<S>> {
  const settings = opts.settings ?? (await readSettings());
  if (!settings) {
    throw new BackendFailure({
      kind: "not_signed_in",
      message: "Not signed in: open Threadline's settings and sign in.",
      status: null,
    });
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(settings.baseUrl, opts.path, opts.query), {
      method: opts.method ?? "GET",
      headers: {
        authorization: `Bearer ${settings.token}`,
        ...(opts.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      credentials: "omit",
    });
  } catch {
    throw new BackendFailure({
      kind: "offline",
      message: `Threadline's server at ${settings.baseUrl} can't be reached.`,
      status: null,
    });
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = (json as { error?: { message?: unknown } } | null)?.error?.message;
    throw failureFromStatus(res.status, typeof message === "string" ? message : null);
  }
  const parsed = opts.schema.safeParse(json);
  if (!parsed.success) {
    throw new BackendFailure({
      kind: "http",
      message: `The server's answer to ${opts.path} was not understood (is the backend up to date?).`,
      status: res.status,
    });
  }
  return parsed.data;
}
