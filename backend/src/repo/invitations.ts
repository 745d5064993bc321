// Team invitations: made by an admin (only an owner invites an owner), listed and revoked while pending, and accepted
// once through the public link, which creates the user with the invited role and their console login together.
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { INVITATION_DAYS, type Role } from "@threadline/shared/schemas";
import { invitableRoles } from "@threadline/shared/domain/invitable-roles";
import { createLogin } from "../auth/create-login";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { auditLog, invitations, users, workspaces } from "../db/schema";
import { ApiError, notFound } from "../http/api-error";
import { hashToken, type Auth } from "../http/auth";
import type { DbOrTx } from "./db-or-tx";

type InvitationRow = typeof invitations.$inferSelect;
const DAY_MS = 86_400_000;

export const invitationToApi = (row: InvitationRow, invitedBy: { id: string; name: string }) => ({
  id: row.id,
  email: row.email,
  role: row.role,
  invitedBy,
  createdAt: new Date(row.createdAt).toISOString(),
  expiresAt: new Date(row.expiresAt).toISOString(),
});

/** The console page a link opens; the token is in the path, never in a query string an analytics tool would log. */
export const invitationLink = (publicUrl: string, token: string) => `${publicUrl.replace(/\/+$/, "")}/invite/${token}`;

function assertMayInvite(inviter: Role, role: Role) {
  if (invitableRoles(inviter).includes(role)) return;
  throw new ApiError(
    "forbidden",
    role === "owner" && inviter === "admin"
      ? "Only an owner can invite another owner; invite them as an admin, or ask the owner."
      : `Your role (${inviter}) cannot invite members; ask an admin of your workspace.`,
    { fields: [{ path: "role", message: `your role cannot invite a ${role}` }] },
  );
}

/**
 * A new invitation and its link's token (returned here only). A pending invitation to the same address is revoked,
 * so only the newest link works; an address that is already a member is refused (409).
 */
export async function createInvitation(db: Db, auth: Auth, input: { email: string; role: Role }, now = Date.now()) {
  assertMayInvite(auth.role, input.role);
  const email = input.email.toLowerCase();
  const token = randomBytes(32).toString("base64url");
  const row = await db.transaction(async (tx) => {
    const member = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.workspaceId, auth.workspaceId), eq(users.email, email)))
      .limit(1);
    if (member[0]) {
      throw new ApiError("conflict", `${email} is already a member of this workspace.`, {
        fields: [{ path: "email", message: "is already a member of this workspace" }],
      });
    }
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(and(pendingIn(auth.workspaceId, now), eq(invitations.email, email)));
    const id = newId("iv");
    await tx.insert(invitations).values({
      id,
      workspaceId: auth.workspaceId,
      email,
      role: input.role,
      tokenHash: hashToken(token),
      invitedById: auth.userId,
      createdAt: now,
      expiresAt: now + INVITATION_DAYS * DAY_MS,
    });
    await tx.insert(auditLog).values({
      id: newId("au"),
      workspaceId: auth.workspaceId,
      actorId: auth.userId,
      action: "invitation.created",
      target: id,
      details: { email, role: input.role },
    });
    return (await tx.select().from(invitations).where(eq(invitations.id, id)).limit(1))[0]!;
  });
  return { row, token };
}

const pendingIn = (workspaceId: string, now: number) =>
  and(
    eq(invitations.workspaceId, workspaceId),
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
    gt(invitations.expiresAt, now),
  );

/** Invitations that can still be accepted, oldest first, with who sent each. */
export async function listPendingInvitations(db: Db, workspaceId: string, now = Date.now()) {
  const rows = await db
    .select({ invitation: invitations, inviter: { id: users.id, name: users.name } })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.invitedById))
    .where(pendingIn(workspaceId, now))
    .orderBy(asc(invitations.createdAt), asc(invitations.id));
  return rows.map((r) => invitationToApi(r.invitation, r.inviter));
}

/** Revokes a pending invitation of the caller's workspace; its link stops working at once. */
export async function revokeInvitation(db: Db, auth: Auth, id: string, now = Date.now()) {
  return db.transaction(async (tx) => {
    const found = (
      await tx
        .select({ invitation: invitations, inviter: { id: users.id, name: users.name } })
        .from(invitations)
        .innerJoin(users, eq(users.id, invitations.invitedById))
        .where(and(pendingIn(auth.workspaceId, now), eq(invitations.id, id)))
        .limit(1)
    )[0];
    if (!found) throw notFound(`Pending invitation ${id}`);
    assertMayInvite(auth.role, found.invitation.role);
    await tx.update(invitations).set({ revokedAt: now }).where(eq(invitations.id, id));
    await tx.insert(auditLog).values({
      id: newId("au"),
      workspaceId: auth.workspaceId,
      actorId: auth.userId,
      action: "invitation.revoked",
      target: id,
      details: { email: found.invitation.email },
    });
    return invitationToApi({ ...found.invitation, revokedAt: now }, found.inviter);
  });
}

/** Why a link cannot be used, in words the invitee can act on; null when it can. */
export function invitationProblem(row: InvitationRow | undefined, now: number): string | null {
  if (!row) return "This invitation link is not valid. Check that you copied all of it, or ask for a new invitation.";
  if (row.acceptedAt !== null) return "This invitation has already been used. Sign in instead, or ask for a new invitation.";
  if (row.revokedAt !== null) return "This invitation was withdrawn. Ask an admin of the workspace for a new one.";
  if (row.expiresAt <= now) {
    return `This invitation expired on ${new Date(row.expiresAt).toISOString().slice(0, 10)}. Ask an admin of the workspace for a new one.`;
  }
  return null;
}

async function usableInvitation(db: DbOrTx, token: string, now: number): Promise<InvitationRow> {
  const row = (
    await db
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, hashToken(token)))
      .limit(1)
  )[0];
  const problem = invitationProblem(row, now);
  if (problem) {
    throw new ApiError(row ? "conflict" : "not_found", problem, { fields: [{ path: "token", message: problem }] });
  }
  return row!;
}

/** What a link invites to (the accept page's heading); refused like accept when the link cannot be used. */
export async function previewInvitation(db: Db, token: string, now = Date.now()) {
  const row = await usableInvitation(db, token, now);
  const workspace = (await db.select().from(workspaces).where(eq(workspaces.id, row.workspaceId)).limit(1))[0]!;
  return { email: row.email, role: row.role, workspaceName: workspace.name, expiresAt: new Date(row.expiresAt).toISOString() };
}

/** The invited email, so the password rule can refuse the address as a password before the slow hash. */
export async function invitedEmailOf(db: Db, token: string, now = Date.now()): Promise<string> {
  return (await usableInvitation(db, token, now)).email;
}

/**
 * Accepts an invitation: the user (invited role, in the invitation's workspace), their login and the invitation's
 * use, in one write transaction that checks the link again, so a link works exactly once even when raced.
 */
export async function acceptInvitation(
  db: Db,
  input: { token: string; name: string; passwordHash: string },
  now = Date.now(),
): Promise<{ userId: string; email: string }> {
  return db.transaction(
    async (tx) => {
      const row = await usableInvitation(tx, input.token, now);
      const member = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.workspaceId, row.workspaceId), eq(users.email, row.email)))
        .limit(1);
      if (member[0]) throw new ApiError("conflict", `${row.email} is already a member of this workspace; sign in instead.`);
      const userId = newId("us");
      await tx
        .insert(users)
        .values({ id: userId, workspaceId: row.workspaceId, email: row.email, name: input.name, role: row.role });
      await createLogin(tx, { threadlineUserId: userId, email: row.email, name: input.name, passwordHash: input.passwordHash });
      await tx.update(invitations).set({ acceptedAt: now, acceptedUserId: userId }).where(eq(invitations.id, row.id));
      await tx.insert(auditLog).values({
        id: newId("au"),
        workspaceId: row.workspaceId,
        actorId: userId,
        action: "invitation.accepted",
        target: row.id,
        details: { email: row.email, role: row.role },
      });
      return { userId, email: row.email };
    },
    { behavior: "immediate" },
  );
}
