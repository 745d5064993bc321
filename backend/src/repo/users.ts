import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { User } from "@threadline/shared/schemas";
import type { z } from "zod";
import type { userCreateSchema, userUpdateSchema } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { apiTokens, auditLog, authSessions, authUsers, users, workspaces } from "../db/schema";
import { ApiError, notFound } from "../http/api-error";
import type { Auth } from "../http/auth";
import type { DbOrTx } from "./db-or-tx";

export type UserRow = typeof users.$inferSelect;
type WorkspaceRow = typeof workspaces.$inferSelect;

export const userToApi = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  timeZone: row.timeZone,
  active: row.active,
  status: row.active ? "active" : "deactivated",
  lastActiveAt: row.lastActiveAt === null ? null : new Date(row.lastActiveAt).toISOString(),
  entraLinked: row.entraOid !== null,
  createdAt: new Date(row.createdAt).toISOString(),
});

export const workspaceToApi = (row: WorkspaceRow) => ({
  id: row.id,
  name: row.name,
  createdAt: new Date(row.createdAt).toISOString(),
});

export async function findUser(db: DbOrTx, workspaceId: string, id: string): Promise<UserRow | undefined> {
  return (
    await db
      .select()
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), eq(users.id, id)))
      .limit(1)
  )[0];
}

export async function getUser(db: DbOrTx, workspaceId: string, id: string): Promise<UserRow> {
  const row = await findUser(db, workspaceId, id);
  if (!row) throw notFound(`User ${id}`);
  return row;
}

export async function getMe(db: Db, auth: Auth) {
  const user = await getUser(db, auth.workspaceId, auth.userId);
  const workspace = (await db.select().from(workspaces).where(eq(workspaces.id, auth.workspaceId)).limit(1))[0]!;
  return { user: userToApi(user), workspace: workspaceToApi(workspace) };
}

/** GET /me's body for a user known by id alone (just signed in). */
export async function getMeOfUser(db: Db, userId: string) {
  const row = (await db.select().from(users).where(eq(users.id, userId)).limit(1))[0];
  if (!row) throw notFound(`User ${userId}`);
  return getMe(db, { workspaceId: row.workspaceId, userId, role: row.role, tokenId: null });
}

export async function listUsers(db: Db, workspaceId: string): Promise<UserRow[]> {
  return db.select().from(users).where(eq(users.workspaceId, workspaceId)).orderBy(asc(users.createdAt), asc(users.id));
}

export async function createUser(db: Db, workspaceId: string, data: z.infer<typeof userCreateSchema>): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const clash = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), eq(users.email, data.email)))
      .limit(1);
    if (clash[0]) throw new ApiError("conflict", `A user with the email ${data.email} already exists in this workspace.`);
    const id = newId("us");
    await tx.insert(users).values({ id, workspaceId, ...data });
    return (await tx.select().from(users).where(eq(users.id, id)).limit(1))[0]!;
  });
}

/**
 * Admin edits of a user. The owner's role and activity are not editable here (ownership transfer is not an edit),
 * and nobody deactivates or demotes themselves, so a workspace always keeps someone who can administer it.
 */
export async function updateUser(db: Db, auth: Auth, id: string, data: z.infer<typeof userUpdateSchema>): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const before = (
      await tx
        .select()
        .from(users)
        .where(and(eq(users.workspaceId, auth.workspaceId), eq(users.id, id)))
        .limit(1)
    )[0];
    if (!before) throw notFound(`User ${id}`);
    if (before.role === "owner" && (data.role !== undefined || data.active !== undefined)) {
      throw new ApiError("forbidden", "The workspace owner's role and activity cannot be changed.");
    }
    if (before.role === "owner" && auth.role !== "owner") {
      throw new ApiError("forbidden", "Only the owner can edit the owner's profile.");
    }
    if (id === auth.userId && (data.active === false || (data.role !== undefined && data.role !== before.role))) {
      throw new ApiError("conflict", "You cannot deactivate yourself or change your own role; ask another admin.");
    }
    await tx
      .update(users)
      .set(data)
      .where(and(eq(users.workspaceId, auth.workspaceId), eq(users.id, id)));
    if (data.active === false && before.active) await endAccessOf(tx, auth.workspaceId, id, Date.now());
    return (await tx.select().from(users).where(eq(users.id, id)).limit(1))[0]!;
  });
}

/**
 * Deactivation ends every way in for good: the user's API tokens are revoked (not merely refused while inactive, so
 * reactivating does not revive them) and their console sessions are deleted.
 */
async function endAccessOf(tx: DbOrTx, workspaceId: string, userId: string, now: number): Promise<void> {
  await tx
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
  const logins = tx.select({ id: authUsers.id }).from(authUsers).where(eq(authUsers.threadlineUserId, userId));
  await tx.delete(authSessions).where(inArray(authSessions.userId, logins));
}

/**
 * Links a verified Entra object id (auth/entra.ts) to the caller, so the Outlook add-in can sign them in with it.
 * Idempotent for the same user; 409 when another user (in any workspace) holds it, since sign-in maps one oid to one
 * user. Replaces a different oid the caller had linked before.
 */
export async function linkEntraAccount(db: Db, auth: Auth, oid: string): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const holders = await tx.select({ id: users.id }).from(users).where(eq(users.entraOid, oid));
    // Nothing about the other user is said: they may belong to another workspace.
    if (holders.some((h) => h.id !== auth.userId)) {
      throw new ApiError(
        "conflict",
        "This Microsoft account is already linked to another Threadline user. Unlink it there first (or ask that workspace's admin), then link it here.",
      );
    }
    const me = await getUser(tx, auth.workspaceId, auth.userId);
    if (me.entraOid === oid) return me;
    await tx
      .update(users)
      .set({ entraOid: oid })
      .where(and(eq(users.workspaceId, auth.workspaceId), eq(users.id, auth.userId)));
    await tx.insert(auditLog).values({
      id: newId("au"),
      workspaceId: auth.workspaceId,
      actorId: auth.userId,
      action: "user.entra_linked",
      target: auth.userId,
      details: { replaced: me.entraOid !== null },
    });
    return (await tx.select().from(users).where(eq(users.id, auth.userId)).limit(1))[0]!;
  });
}

/**
 * Removes the Microsoft account link of `userId` (the caller, or anyone for an admin; only the owner unlinks the
 * owner, as with every other edit of the owner). Idempotent.
 */
export async function unlinkEntraAccount(db: Db, auth: Auth, userId: string): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const user = await getUser(tx, auth.workspaceId, userId);
    if (user.role === "owner" && auth.role !== "owner") {
      throw new ApiError("forbidden", "Only the owner can unlink the owner's Microsoft account.");
    }
    if (user.entraOid === null) return user;
    await tx
      .update(users)
      .set({ entraOid: null })
      .where(and(eq(users.workspaceId, auth.workspaceId), eq(users.id, userId)));
    await tx.insert(auditLog).values({
      id: newId("au"),
      workspaceId: auth.workspaceId,
      actorId: auth.userId,
      action: "user.entra_unlinked",
      target: userId,
      details: {},
    });
    return { ...user, entraOid: null };
  });
}
