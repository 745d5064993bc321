// The only module that reads process.env. Every setting is parsed here, with a message a person can act on.
import { z } from "zod";
import type { EntraConfig } from "./auth/entra";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default("127.0.0.1"),
  // Empty = the embedded libSQL file below. libsql://, http(s)://, ws(s):// = a libSQL server (sqld/Turso).
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^(file:|libsql:|https?:|wss?:|:memory:)/, "must start with file:, libsql://, http(s)://, ws(s):// or be :memory:")
      .optional(),
  ),
  DATABASE_AUTH_TOKEN: optionalString,
  DATA_DIR: z.string().default(new URL("../.data", import.meta.url).pathname),
  // The built console (`pnpm build` writes console/dist), served at `/` on this server's origin.
  CONSOLE_DIR: z.string().default(new URL("../../console/dist", import.meta.url).pathname),
  // Public base URL of this server, used in unsubscribe, pixel and click links. Default: http://HOST:PORT
  // (127.0.0.1 when HOST listens on every address), so a changed PORT does not leave links on the old port.
  PUBLIC_URL: optionalString.pipe(z.string().url().optional()),
  // Base URL of pixel and click links when they are served by the dedicated tracking server (src/tracking-server.ts,
  // `pnpm --filter @threadline/backend start:tracking`). Default: PUBLIC_URL (the backend serves /t/* itself too).
  TRACKING_PUBLIC_URL: optionalString.pipe(z.string().url().optional()),
  // Port of the dedicated tracking server (it listens on HOST too).
  TRACKING_PORT: z.coerce.number().int().min(0).max(65535).default(8788),
  // Comma-separated origins allowed by CORS (extension and add-in origins).
  // Default: the development build of the Gmail extension (its id is pinned by the `key` in extension/package.json).
  CORS_ORIGINS: z
    .string()
    .default("chrome-extension://ieofojmilmahpmjlmjjigjedphbbpoml")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  // Extra origins the console may be served from besides PUBLIC_URL's (e.g. its dev server); cookie-authenticated
  // writes from any other origin are refused (CSRF).
  CONSOLE_ORIGINS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^https?:\/\/[^/]+$/, "must be origins such as http://127.0.0.1:5173 (no path)"))),
  // Secret of the console's session cookies (better-auth). Unset: derived from SIGNING_SECRET.
  BETTER_AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  // If set, the demo owner's API token is this value (tests and scripts rely on it).
  THREADLINE_DEMO_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  // If set, the demo owner's console password when their login is made (first start); else a random one, printed once.
  THREADLINE_DEMO_PASSWORD: optionalString.pipe(z.string().min(10, "must be at least 10 characters").optional()),
  // Seed the demo workspace on first start with an empty database.
  SEED_DEMO: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  // HMAC key for public links (unsubscribe, open pixel, click tickets). Unset: generated once and kept in DATA_DIR.
  SIGNING_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  // AES-256-GCM key for mailbox credentials at rest: 32 bytes, base64 or hex (openssl rand -base64 32).
  ENCRYPTION_KEY: optionalString.pipe(
    z
      .string()
      .refine((v) => decodeKey(v) !== null, "must be 32 bytes as base64 (44 chars) or hex (64 chars)")
      .transform((v) => decodeKey(v)!)
      .optional(),
  ),
  // The send dispatcher runs inside the server unless disabled (then run `pnpm --filter @threadline/backend worker`).
  DISPATCHER_ENABLED: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  DISPATCH_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  DISPATCH_BATCH: z.coerce.number().int().min(1).max(2000).default(200),
  // Google OAuth (Gmail sending/reading) and API base URLs (tests point them at 127.0.0.1 fakes).
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  GOOGLE_OAUTH_AUTH_URL: z.string().url().default("https://accounts.google.com/o/oauth2/v2/auth"),
  GOOGLE_OAUTH_TOKEN_URL: z.string().url().default("https://oauth2.googleapis.com/token"),
  GOOGLE_API_ROOT: z.string().url().default("https://gmail.googleapis.com/"),
  // Microsoft identity platform (Microsoft 365 / Outlook.com) and Graph.
  MICROSOFT_CLIENT_ID: optionalString,
  MICROSOFT_CLIENT_SECRET: optionalString,
  MICROSOFT_TENANT: z.string().default("common"),
  MICROSOFT_LOGIN_URL: z.string().url().default("https://login.microsoftonline.com"),
  MICROSOFT_GRAPH_URL: z.string().url().default("https://graph.microsoft.com"),
  // Inbound mail (replies, out-of-office, bounces): run the per-mailbox sync loops in the server process.
  INBOUND_SYNC: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  // Gmail history / Graph delta poll interval (IMAP uses IDLE and polls at this interval as a fallback).
  INBOUND_POLL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  // Secret carried as ?token= by the Pub/Sub push subscription URL of POST /hooks/gmail-push; unset = endpoint off.
  GMAIL_PUSH_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  // Apple's egress-ip-ranges.csv (Mail Privacy Protection opens). Default: DATA_DIR/apple-egress-ranges.csv,
  // falling back to the small sample shipped in backend/data while that file does not exist.
  APPLE_EGRESS_CSV: optionalString,
  // Tracking events are written in batches: at most every TRACKING_FLUSH_MS, or at TRACKING_BATCH_MAX events.
  TRACKING_FLUSH_MS: z.coerce.number().int().min(1).max(10_000).default(50),
  TRACKING_BATCH_MAX: z.coerce.number().int().min(1).max(5_000).default(500),
  // Label and write tracking events in a worker thread (keeps libSQL's synchronous I/O off the request thread).
  TRACKING_WORKER: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  // Scheduling priority (nice, 0–19) of the tracking writer thread on Linux: it then uses the CPU the request
  // thread leaves idle, so a burst of pixel fetches is answered at full speed and written just behind it.
  TRACKING_WRITER_NICE: z.coerce.number().int().min(0).max(19).default(19),
  // Hits waiting for the writer above which it goes back to normal priority (needs root or CAP_SYS_NICE on Linux;
  // otherwise a warning is logged and it stays low): bounds the backlog's memory, about 40 bytes a hit.
  TRACKING_BACKLOG_MAX: z.coerce.number().int().min(1_000).default(1_000_000),
  // Burst write-behind: while pixel/click hits arrive faster than TRACKING_BURST_RATE a second (0 = never), sealed
  // batches wait in the spool and are written when the burst has passed, or after TRACKING_BURST_MAX_DEFER_MS, or
  // once TRACKING_BACKLOG_MAX hits wait — so a flood of fetches is answered without the writer competing for CPU.
  TRACKING_BURST_RATE: z.coerce.number().int().min(0).default(2_000),
  TRACKING_BURST_MAX_DEFER_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  // Behind a reverse proxy: take the client address for tracking from the first X-Forwarded-For entry.
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  // Largest CSV file accepted by POST /api/v1/imports, in bytes (default 100 MB).
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(100 * 1024 * 1024),
  // Set by pnpm: the directory the command was typed in (CLI file arguments are relative to it).
  INIT_CWD: optionalString,
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  // Microsoft Entra sign-in for the Outlook add-in (nested app authentication). All three or none.
  // Issuer: https://login.microsoftonline.com/<tenant-id>/v2.0; audience: the API's app id URI or client id;
  // JWKS: https://login.microsoftonline.com/<tenant-id>/discovery/v2.0/keys.
  ENTRA_ISSUER: optionalString.pipe(z.string().url().optional()),
  ENTRA_AUDIENCE: optionalString,
  ENTRA_JWKS_URL: optionalString.pipe(z.string().url().optional()),
  // Delegated scope the token must carry (scp), e.g. access_as_user. Empty = not checked.
  ENTRA_SCOPE: optionalString,
});

function decodeKey(v: string): Buffer | null {
  const buf = /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, "hex") : Buffer.from(v, "base64");
  return buf.length === 32 ? buf : null;
}

export type Env = Omit<z.infer<typeof schema>, "PUBLIC_URL"> & { PUBLIC_URL: string };

/** http://host:port, an IPv6 address in brackets (a server's own listening address, as it prints it). */
export function httpUrl(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/** The base URL a server listening on host:port is reached at from this machine (the PUBLIC_URL default). */
export function localBaseUrl(host: string, port: number): string {
  return httpUrl(host === "0.0.0.0" || host === "::" || host === "" ? "127.0.0.1" : host, port);
}

/** What openDatabase needs from the environment (every process opens the same database alike). */
export const databaseOptionsOf = (e: Env) => ({ url: e.DATABASE_URL, authToken: e.DATABASE_AUTH_TOKEN, dataDir: e.DATA_DIR });

/** The Entra sign-in settings, or null when not configured; throws when only some of them are set. */
export function entraConfigOf(e: Env): EntraConfig | null {
  const set = [e.ENTRA_ISSUER, e.ENTRA_AUDIENCE, e.ENTRA_JWKS_URL].filter(Boolean).length;
  if (set === 0) return null;
  if (!e.ENTRA_ISSUER || !e.ENTRA_AUDIENCE || !e.ENTRA_JWKS_URL) {
    throw new Error(
      "Invalid configuration:\n  ENTRA_ISSUER, ENTRA_AUDIENCE and ENTRA_JWKS_URL must be set together (or none of them).",
    );
  }
  return { issuer: e.ENTRA_ISSUER, audience: e.ENTRA_AUDIENCE, jwksUrl: e.ENTRA_JWKS_URL, scope: e.ENTRA_SCOPE ?? null };
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const data = parsed.data;
  return { ...data, PUBLIC_URL: data.PUBLIC_URL ?? localBaseUrl(data.HOST, data.PORT === 0 ? 8787 : data.PORT) };
}

export const env: Env = parseEnv(process.env);
