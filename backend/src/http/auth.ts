import { eq } from "drizzle-orm";
import { createHash, randomBytes } from "node:crypto";
import { createMiddleware } from "hono/factory";
import type { Role } from "@threadline/shared/schemas";
import { batchReaderOf } from "../db/client";
import { apiTokens, users } from "../db/schema";
import type { AppEnv } from "./app-env";
import { ApiError } from "./api-error";
import { clientAddress } from "./auth-throttle";
import { findEntraUser, looksLikeJwt, verifyEntraToken } from "../auth/entra";
import { assertTrustedOrigin, hasSessionCookie } from "../auth/session-cookie";

export interface Auth {
  workspaceId: string;
  userId: string;
  role: Role;
  tokenId: string | null;
  /** Set when the caller is signed in to the console (a session cookie) instead of sending a token. */
  sessionId?: string | null;
}

export const hashToken = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** A new API token secret: 32 random bytes, base64url, with a recognisable prefix. */
export const generateTokenSecret = () => `tl_${randomBytes(32).toString("base64url")}`;

const tokenSql = `SELECT t.id AS tokenId, t.workspace_id AS workspaceId, u.id AS userId, u.role AS role
  FROM api_tokens t JOIN users u ON u.id = t.user_id
  WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?) AND u.active = 1 LIMIT 1`;

// last_used_at / last_active_at are written at most once a minute per token and user, so reads stay reads.
const lastUsedWritten = new Map<string, number>();
const lastActiveWritten = new Map<string, number>();
const LAST_USED_EVERY_MS = 60_000;

async function markActive(db: AppEnv["Variables"]["db"], userId: string, now: number) {
  if ((lastActiveWritten.get(userId) ?? 0) >= now - LAST_USED_EVERY_MS) return;
  lastActiveWritten.set(userId, now);
  await db.update(users).set({ lastActiveAt: now }).where(eq(users.id, userId));
}

/**
 * Authentication of every /api/v1 route except the public ones (OpenAPI document, setup, sign-in): a bearer token
 * (API token, or an Entra access token when configured), else the console's session cookie — which resolves to the
 * same `auth` and, for writes, must come from a trusted Origin (CSRF).
 */
export const requireAuth = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) {
    const cookie = c.req.header("cookie");
    if (!header && hasSessionCookie(cookie)) {
      // better-auth is loaded on the first console request only.
      const { resolveSession } = await import("../auth/console-auth");
      const auth = await resolveSession(c);
      if (!auth) throw new ApiError("unauthorized", "Your console session has ended; sign in again.");
      assertTrustedOrigin(c);
      await markActive(c.var.db, auth.userId, Date.now());
      c.set("auth", auth);
      await next();
      return;
    }
    throw new ApiError(
      "unauthorized",
      "Missing API token: send the header 'Authorization: Bearer <token>' (or sign in to the console).",
    );
  }
  const secret = match[1];
  // Failed attempts are slowed per address and per token prefix (http/auth-throttle.ts): blocked keys are refused
  // before the token is looked at.
  const { authThrottle: throttle } = c.var;
  const entra = c.var.config.entra;
  const jwt = !!entra && looksLikeJwt(secret);
  const attempt = {
    address: clientAddress(c, c.var.config.trustProxy ?? false),
    prefix: !jwt && secret.startsWith("tl_") ? secret.slice(0, 8) : null,
  };
  await throttle.assertAllowed(attempt);
  // An Entra access token from the Outlook add-in (when configured): the user is found by its object id.
  if (entra && jwt) {
    const user = await verifyEntraToken(secret, entra)
      .then((claims) => findEntraUser(c.var.db, claims.oid))
      .catch((err: unknown) =>
        err instanceof ApiError && err.code === "unauthorized" ? throttle.fail(attempt, err) : Promise.reject(err),
      );
    await markActive(c.var.db, user.userId, Date.now());
    c.set("auth", { workspaceId: user.workspaceId, userId: user.userId, role: user.role, tokenId: null });
    await next();
    return;
  }

  const { db } = c.var;
  // Every API call passes here: one cached prepared statement (db/batch-reader.ts), not a fresh query build.
  const [rows] = await batchReaderOf(db).read([{ sql: tokenSql, args: [hashToken(secret), Date.now()] }]);
  const row = rows?.[0] as { tokenId: string; workspaceId: string; userId: string; role: Role } | undefined;
  if (!row) {
    return throttle.fail(
      attempt,
      new ApiError("unauthorized", "The API token is unknown, revoked, expired, or belongs to a deactivated user."),
    );
  }
  const now = Date.now();
  if ((lastUsedWritten.get(row.tokenId) ?? 0) < now - LAST_USED_EVERY_MS) {
    lastUsedWritten.set(row.tokenId, now);
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
  }
  await markActive(db, row.userId, now);
  c.set("auth", { workspaceId: row.workspaceId, userId: row.userId, role: row.role, tokenId: row.tokenId });
  await next();
});

const rank: Record<Role, number> = { viewer: 0, rep: 1, admin: 2, owner: 3 };

/** Refuses with 403 unless the caller's role is at least `min`. */
export const requireRole = (min: Role) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (rank[c.var.auth.role] < rank[min]) {
      throw new ApiError("forbidden", `This action needs the ${min} role or higher; your role is ${c.var.auth.role}.`);
    }
    await next();
  });

/** Viewers read; every write needs rep or higher. */
export const requireWriter = requireRole("rep");
