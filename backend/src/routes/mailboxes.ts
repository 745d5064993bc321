import { Hono } from "hono";
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import {
  connectionTestResultSchema,
  idSchema,
  mailboxCreateSchema,
  mailboxSchema,
  mailboxUpdateSchema,
  smtpConnectionSchema,
} from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { mailboxes } from "../db/schema";
import { ApiError, notFound } from "../http/api-error";
import type { AppConfig, AppEnv } from "../http/app-env";
import type { RouteSpec } from "../openapi/route-spec";
import { requireWriter } from "../http/auth";
import { validate } from "../http/validate";
import type { InboundCursor } from "../inbound/sync-cursor";
import { checkMailConnection } from "../mailboxes/check-mail-connection";
import { googleOAuthClient } from "../mailboxes/gmail-client";
import { microsoftScopes, microsoftToken } from "../mailboxes/graph-client";
import { sealCredentials, type MailboxCredentials } from "../mailboxes/mailbox-credentials";
import { providerConfig, providerLimits } from "../mailboxes/provider-config";
import { signToken, verifyToken } from "../security/sign-token";
import { gmail } from "googleapis/build/src/apis/gmail/index.js";

type MailboxRow = typeof mailboxes.$inferSelect;
const idParam = z.object({ id: idSchema });
const providerParam = z.object({ provider: z.enum(["google", "microsoft"]) });
const STATE_TTL_MS = 10 * 60_000;
const googleScopes = [
  "https://www.googleapis.com/auth/gmail.send",
  "https://www.googleapis.com/auth/gmail.readonly",
  "openid",
  "email",
];

const inboundOf = (m: MailboxRow) => (m.syncState.inbound ?? {}) as InboundCursor;

export const mailboxToApi = (m: MailboxRow) => ({
  id: m.id,
  userId: m.userId,
  kind: m.kind,
  email: m.email,
  displayName: m.displayName,
  dailyCap: m.dailyCap,
  minSpacingSeconds: m.minSpacingSeconds,
  paused: m.paused,
  active: m.active,
  // Graph's JSON API only allows x-* custom headers, so List-Unsubscribe cannot be set on Microsoft 365 mail.
  supportsListUnsubscribe: m.kind !== "microsoft",
  lastSyncAt: inboundOf(m).lastSyncAt ? new Date(inboundOf(m).lastSyncAt!).toISOString() : null,
  lastError: inboundOf(m).lastError ?? null,
  createdAt: new Date(m.createdAt).toISOString(),
});

function requireKey(config: AppConfig): Buffer {
  if (!config.encryptionKey) {
    throw new ApiError(
      "unavailable",
      "ENCRYPTION_KEY is not configured: mailbox credentials are encrypted at rest. Set it (openssl rand -base64 32) and restart.",
    );
  }
  return config.encryptionKey;
}

/** Stores (or refreshes) a connected mailbox with its sealed credentials. */
async function saveMailbox(
  db: Db,
  config: AppConfig,
  input: {
    workspaceId: string;
    userId: string;
    kind: MailboxRow["kind"];
    email: string;
    displayName: string | null;
    creds: MailboxCredentials | null;
    dailyCap?: number;
  },
) {
  const sealed = input.creds ? sealCredentials(requireKey(config), input.creds) : null;
  const existing = await db.query.mailboxes.findFirst({
    where: (t, { and, eq }) =>
      and(eq(t.workspaceId, input.workspaceId), eq(t.userId, input.userId), eq(t.kind, input.kind), eq(t.email, input.email)),
  });
  if (existing) {
    await db
      .update(mailboxes)
      .set({
        credentialsEnc: sealed,
        active: true,
        displayName: input.displayName ?? existing.displayName,
        ...(input.dailyCap ? { dailyCap: input.dailyCap } : {}),
      })
      .where(eq(mailboxes.id, existing.id));
    return (await db.query.mailboxes.findFirst({ where: (t, { eq }) => eq(t.id, existing.id) }))!;
  }
  const id = newId("mb");
  await db.insert(mailboxes).values({
    id,
    workspaceId: input.workspaceId,
    userId: input.userId,
    kind: input.kind,
    email: input.email,
    displayName: input.displayName,
    credentialsEnc: sealed,
    dailyCap: input.dailyCap ?? providerLimits[input.kind].dailyCap,
  });
  return (await db.query.mailboxes.findFirst({ where: (t, { eq }) => eq(t.id, id) }))!;
}

const redirectUri = (config: AppConfig, provider: string) => `${config.publicUrl.replace(/\/$/, "")}/oauth/${provider}/callback`;

export const mailboxesRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { workspaceId, userId, role } = c.var.auth;
    const rows = await c.var.db
      .select()
      .from(mailboxes)
      .where(
        role === "admin" || role === "owner"
          ? eq(mailboxes.workspaceId, workspaceId)
          : and(eq(mailboxes.workspaceId, workspaceId), eq(mailboxes.userId, userId)),
      );
    return c.json({ items: rows.map(mailboxToApi) }, 200);
  })
  .post("/", requireWriter, validate("json", mailboxCreateSchema), async (c) => {
    const body = c.req.valid("json");
    const { workspaceId, userId } = c.var.auth;
    const row =
      body.kind === "smtp"
        ? await saveMailbox(c.var.db, c.var.config, {
            workspaceId,
            userId,
            kind: "smtp",
            email: body.email,
            displayName: body.displayName ?? null,
            dailyCap: body.dailyCap,
            creds: {
              kind: "smtp",
              // Present for kind smtp (checked by mailboxCreateSchema).
              host: body.host!,
              port: body.port!,
              secure: body.secure,
              username: body.username!,
              password: body.password!,
              ...(body.imap ? { imap: body.imap } : {}),
            },
          })
        : await saveMailbox(c.var.db, c.var.config, {
            workspaceId,
            userId,
            kind: "outbox",
            email: body.email,
            displayName: body.displayName ?? null,
            creds: null,
          });
    return c.json(mailboxToApi(row), 201);
  })
  .delete("/:id", requireWriter, validate("param", idParam), async (c) => {
    const { workspaceId, userId, role } = c.var.auth;
    const m = await c.var.db.query.mailboxes.findFirst({
      where: (t, { and, eq }) => and(eq(t.workspaceId, workspaceId), eq(t.id, c.req.valid("param").id)),
    });
    if (!m) throw notFound("Mailbox");
    if (m.userId !== userId && role === "rep") throw new ApiError("forbidden", "You can only disconnect your own mailboxes.");
    // Disconnect: credentials are erased; history keeps the row.
    await c.var.db.update(mailboxes).set({ active: false, credentialsEnc: null }).where(eq(mailboxes.id, m.id));
    return c.json({ disconnected: true }, 200);
  })
  .patch("/:id", requireWriter, validate("param", idParam), validate("json", mailboxUpdateSchema), async (c) => {
    const { workspaceId, userId, role } = c.var.auth;
    const id = c.req.valid("param").id;
    const m = await c.var.db.query.mailboxes.findFirst({
      where: (t, { and, eq }) => and(eq(t.workspaceId, workspaceId), eq(t.id, id)),
    });
    // Someone else's mailbox is not a rep's to know about (GET lists only their own).
    if (!m || (m.userId !== userId && role === "rep")) throw notFound("Mailbox");
    await c.var.db
      .update(mailboxes)
      .set(c.req.valid("json"))
      .where(and(eq(mailboxes.workspaceId, workspaceId), eq(mailboxes.id, id)));
    return c.json(mailboxToApi({ ...m, ...c.req.valid("json") }), 200);
  })
  /** A real SMTP and IMAP login with the given settings, answered in words (200 even when a login fails). */
  .post("/test-connection", requireWriter, validate("json", smtpConnectionSchema), async (c) => {
    return c.json(await checkMailConnection(c.req.valid("json")), 200);
  })
  /** Starts an OAuth authorization-code flow; the client opens `url` in a browser. */
  .post("/oauth/:provider/start", requireWriter, validate("param", providerParam), async (c) => {
    const { provider } = c.req.valid("param");
    const providers = providerConfig(c.var.config.providers);
    requireKey(c.var.config);
    const { workspaceId, userId } = c.var.auth;
    const state = signToken({
      secret: c.var.config.signingSecret,
      purpose: `oauth-${provider}`,
      id: `${workspaceId}~${userId}~${Date.now() + STATE_TTL_MS}~${randomBytes(8).toString("hex")}`,
    });
    if (provider === "google") {
      if (!providers.google.clientId || !providers.google.clientSecret) {
        throw new ApiError("unavailable", "Google sign-in is not configured: set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET.");
      }
      const url = googleOAuthClient(providers).generateAuthUrl({
        access_type: "offline",
        prompt: "consent",
        scope: googleScopes,
        state,
        redirect_uri: redirectUri(c.var.config, "google"),
      });
      return c.json({ url }, 200);
    }
    const m = providers.microsoft;
    if (!m.clientId || !m.clientSecret) {
      throw new ApiError(
        "unavailable",
        "Microsoft sign-in is not configured: set MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET.",
      );
    }
    const url = new URL(`${m.loginUrl.replace(/\/$/, "")}/${m.tenant}/oauth2/v2.0/authorize`);
    url.search = new URLSearchParams({
      client_id: m.clientId,
      response_type: "code",
      redirect_uri: redirectUri(c.var.config, "microsoft"),
      response_mode: "query",
      scope: microsoftScopes.join(" "),
      state,
    }).toString();
    return c.json({ url: url.toString() }, 200);
  });

const callbackQuery = z.object({
  code: z.string().min(1).max(4096).optional(),
  state: z.string().min(1).max(1000),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

/**
 * Back into the console's Mailboxes page with the outcome: always this fixed path on our own origin (relative, so
 * it cannot point anywhere else), never a URL taken from the request.
 */
const backToConsole = (outcome: { connected: string } | { error: string }) =>
  `/mailboxes?${new URLSearchParams("error" in outcome ? { error: outcome.error.slice(0, 300) } : outcome).toString()}`;

/** Public OAuth redirect targets (the browser arrives without a bearer token; the signed `state` says who). */
export const oauthCallbackRoutes = new Hono<AppEnv>().get("/:provider/callback", validate("param", providerParam), async (c) => {
  const { provider } = c.req.valid("param");
  const name = provider === "google" ? "Google" : "Microsoft 365";
  const parsed = callbackQuery.safeParse(c.req.query());
  const q = parsed.success ? parsed.data : null;
  const id = q ? verifyToken({ secret: c.var.config.signingSecret, purpose: `oauth-${provider}`, token: q.state }) : null;
  const [workspaceId, userId, expires] = id?.split("~") ?? [];
  if (!id || !workspaceId || !userId || Number(expires) < Date.now()) {
    return c.redirect(
      backToConsole({ error: `${name}: the sign-in link is invalid or expired. Start again with Connect mailbox.` }),
    );
  }
  if (q!.error || !q!.code) {
    const cancelled = q!.error === "access_denied";
    return c.redirect(
      backToConsole({
        error: cancelled
          ? `${name}: access was not granted, so nothing was connected.`
          : `${name} answered: ${q!.error ?? "no authorization code"}${q!.error_description ? ` (${q!.error_description})` : ""}`,
      }),
    );
  }
  const code = q!.code;
  const providers = providerConfig(c.var.config.providers);
  try {
    if (provider === "google") {
      const oauth = googleOAuthClient(providers);
      const { tokens } = await oauth.getToken({ code, redirect_uri: redirectUri(c.var.config, "google") });
      if (!tokens.refresh_token)
        throw new Error("Google returned no refresh token; remove Threadline's access in your Google account and connect again.");
      oauth.setCredentials(tokens);
      const profile = await gmail({ version: "v1", auth: oauth, rootUrl: providers.google.apiRoot }).users.getProfile({
        userId: "me",
      });
      const email = profile.data.emailAddress?.toLowerCase();
      if (!email) throw new Error("Gmail did not return the mailbox address.");
      const row = await saveMailbox(c.var.db, c.var.config, {
        workspaceId,
        userId,
        kind: "gmail",
        email,
        displayName: null,
        creds: { kind: "gmail", refreshToken: tokens.refresh_token },
      });
      return c.redirect(backToConsole({ connected: row.id }));
    }
    const t = await microsoftToken(providers, {
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri(c.var.config, "microsoft"),
      scope: microsoftScopes.join(" "),
    });
    if (!t.refresh_token) throw new Error("Microsoft returned no refresh token (offline_access missing).");
    const me = await fetch(`${providers.microsoft.graphUrl.replace(/\/$/, "")}/v1.0/me`, {
      headers: { authorization: `Bearer ${t.access_token}` },
    });
    const profile = (await me.json()) as { mail?: string; userPrincipalName?: string; displayName?: string };
    const email = (profile.mail ?? profile.userPrincipalName ?? "").toLowerCase();
    if (!me.ok || !email) throw new Error("Microsoft Graph did not return the mailbox address.");
    const row = await saveMailbox(c.var.db, c.var.config, {
      workspaceId,
      userId,
      kind: "microsoft",
      email,
      displayName: profile.displayName ?? null,
      creds: { kind: "microsoft", refreshToken: t.refresh_token },
    });
    return c.redirect(backToConsole({ connected: row.id }));
  } catch (e) {
    return c.redirect(backToConsole({ error: `${name}: ${(e as Error).message}` }));
  }
});

export const mailboxesSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/mailboxes",
    summary:
      "Your mailboxes (all of the workspace's for admins); supportsListUnsubscribe is false for Microsoft 365 (Graph cannot set it)",
    responses: { 200: z.object({ items: z.array(mailboxSchema) }) },
  },
  {
    method: "post",
    path: "/mailboxes",
    summary: "Add an outbox or SMTP mailbox (the SMTP password is encrypted at rest; needs ENCRYPTION_KEY)",
    role: "rep",
    body: mailboxCreateSchema,
    responses: { 201: mailboxSchema },
    errors: [403],
  },
  {
    method: "patch",
    path: "/mailboxes/{id}",
    summary: "Change a mailbox's daily cap and spacing, or pause/resume its sending (own, or any for admins)",
    role: "rep",
    params: idParam,
    body: mailboxUpdateSchema,
    responses: { 200: mailboxSchema },
    errors: [403, 404],
  },
  {
    method: "delete",
    path: "/mailboxes/{id}",
    summary: "Disconnect a mailbox (credentials erased)",
    role: "rep",
    params: idParam,
    responses: { 200: z.object({ disconnected: z.literal(true) }) },
    errors: [403, 404],
  },
  {
    method: "post",
    path: "/mailboxes/oauth/{provider}/start",
    summary:
      "Start the Google or Microsoft OAuth authorization-code flow: open `url`; the provider redirects to /oauth/{provider}/callback, which stores the encrypted refresh token",
    role: "rep",
    params: providerParam,
    responses: { 200: z.object({ url: z.string() }) },
    errors: [403],
  },
  {
    method: "post",
    path: "/mailboxes/test-connection",
    summary:
      "Check SMTP settings with a real SMTP login and IMAP login (the given IMAP server, else the default the mailbox would use); 200 with each result in words, also when a login fails. Nothing is sent or stored",
    role: "rep",
    body: smtpConnectionSchema,
    responses: { 200: connectionTestResultSchema },
    errors: [403],
  },
];
