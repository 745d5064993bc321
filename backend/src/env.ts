// The only module that reads process.env. Every setting is parsed here, with a message a person can act on.
import { z } from "zod";

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
  // Public base URL of this server, used in unsubscribe, pixel and click links.
  PUBLIC_URL: z.string().url().default("http://127.0.0.1:8787"),
  // Comma-separated origins allowed by CORS (extension and add-in origins).
  CORS_ORIGINS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  // If set, the demo owner's API token is this value (tests and scripts rely on it).
  THREADLINE_DEMO_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
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
  // Set by pnpm to the directory the command was typed in; CLIs resolve relative paths against it.
  INIT_CWD: optionalString,
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

function decodeKey(v: string): Buffer | null {
  const buf = /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, "hex") : Buffer.from(v, "base64");
  return buf.length === 32 ? buf : null;
}

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env: Env = parseEnv(process.env);
