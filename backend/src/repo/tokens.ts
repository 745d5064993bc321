import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { tokenSchema } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { apiTokens, users } from "../db/schema";
import { ApiError, notFound } from "../http/api-error";
import { generateTokenSecret, hashToken, type Auth } from "../http/auth";

type TokenRow = typeof apiTokens.$inferSelect;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const isAdmin = (auth: Auth) => auth.role === "admin" || auth.role === "owner";

export const tokenToApi = (row: TokenRow): z.infer<typeof tokenSchema> => ({
  id: row.id,
  name: row.name,
  userId: row.userId,
  prefix: row.prefix,
  createdAt: new Date(row.createdAt).toISOString(),
  lastUsedAt: iso(row.lastUsedAt),
  revokedAt: iso(row.revokedAt),
  expiresAt: iso(row.expiresAt),
});

/** The caller's tokens, or (scope "all", admins only) every token of the workspace. Never the secrets. */
export async function listTokens(db: Db, auth: Auth, scope: "mine" | "all"): Promise<TokenRow[]> {
  if (scope === "all" && !isAdmin(auth)) {
    throw new ApiError("forbidden", "Listing every token of the workspace needs the admin role.");
  }
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.workspaceId, auth.workspaceId), scope === "mine" ? eq(apiTokens.userId, auth.userId) : undefined))
    .orderBy(desc(apiTokens.id));
}

/** Creates a token for the caller, or (admins) for another active user; the secret is returned only here. */
export async function createToken(db: Db, auth: Auth, input: { name: string; userId?: string; expiresInDays?: number }) {
  const userId = input.userId ?? auth.userId;
  if (userId !== auth.userId && !isAdmin(auth)) {
    throw new ApiError("forbidden", "Creating a token for another user needs the admin role.");
  }
  const owner = (
    await db
      .select({ id: users.id, active: users.active })
      .from(users)
      .where(and(eq(users.workspaceId, auth.workspaceId), eq(users.id, userId)))
      .limit(1)
  )[0];
  if (!owner) {
    throw new ApiError("bad_request", `userId: no user ${userId} in this workspace.`, {
      fields: [{ path: "userId", message: "unknown user" }],
    });
  }
  if (!owner.active) throw new ApiError("conflict", "That user is deactivated; reactivate them before creating a token.");
  const secret = generateTokenSecret();
  const createdAt = Date.now();
  const row: TokenRow = {
    id: newId("tk"),
    workspaceId: auth.workspaceId,
    userId,
    name: input.name,
    tokenHash: hashToken(secret),
    prefix: secret.slice(0, 8),
    createdAt,
    lastUsedAt: null,
    revokedAt: null,
    expiresAt: input.expiresInDays === undefined ? null : createdAt + input.expiresInDays * 86_400_000,
  };
  await db.insert(apiTokens).values(row);
  return { ...tokenToApi(row), token: secret };
}

/** Revokes a token (own, or any for admins). Revoking twice keeps the first revocation time. */
export async function revokeToken(db: Db, auth: Auth, id: string): Promise<TokenRow> {
  return db.transaction(async (tx) => {
    const row = (
      await tx
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.workspaceId, auth.workspaceId), eq(apiTokens.id, id)))
        .limit(1)
    )[0];
    // Someone else's token looks absent to a non-admin: its existence is not theirs to know.
    if (!row || (row.userId !== auth.userId && !isAdmin(auth))) throw notFound(`Token ${id}`);
    if (row.revokedAt !== null) return row;
    const revokedAt = Date.now();
    await tx.update(apiTokens).set({ revokedAt }).where(eq(apiTokens.id, id));
    return { ...row, revokedAt };
  });
}
