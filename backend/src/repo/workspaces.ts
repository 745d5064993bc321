import { sql } from "drizzle-orm";
import { createLogin } from "../auth/create-login";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { apiTokens, users, workspaces } from "../db/schema";
import { ApiError } from "../http/api-error";
import { generateTokenSecret, hashToken } from "../http/auth";
import type { Tx } from "./db-or-tx";

async function insertWorkspaceAndOwner(
  tx: Tx,
  input: { name: string; ownerEmail: string; ownerName: string; ownerTimeZone?: string },
) {
  const workspaceId = newId("ws");
  const userId = newId("us");
  await tx.insert(workspaces).values({ id: workspaceId, name: input.name });
  await tx.insert(users).values({
    id: userId,
    workspaceId,
    email: input.ownerEmail.toLowerCase(),
    name: input.ownerName,
    role: "owner",
    timeZone: input.ownerTimeZone ?? "UTC",
  });
  return { workspaceId, userId };
}

/**
 * Creates a workspace, its owner and one API token for the owner, in one transaction.
 * `token` fixes the secret (THREADLINE_DEMO_TOKEN, tests); otherwise a random one is made.
 * `passwordHash` also gives the owner a console login (the demo seed).
 */
export async function createWorkspaceWithOwner(
  db: Db,
  input: {
    name: string;
    ownerEmail: string;
    ownerName: string;
    ownerTimeZone?: string;
    token?: string;
    passwordHash?: string;
  },
) {
  const secret = input.token ?? generateTokenSecret();
  const ids = await db.transaction(async (tx) => {
    const created = await insertWorkspaceAndOwner(tx, input);
    await tx.insert(apiTokens).values({
      id: newId("tk"),
      workspaceId: created.workspaceId,
      userId: created.userId,
      name: "Default token",
      tokenHash: hashToken(secret),
      prefix: secret.slice(0, 8),
    });
    if (input.passwordHash) {
      await createLogin(tx, {
        threadlineUserId: created.userId,
        email: input.ownerEmail,
        name: input.ownerName,
        passwordHash: input.passwordHash,
      });
    }
    return created;
  });
  return { ...ids, token: secret };
}

export async function hasAnyWorkspace(db: Db): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(workspaces)
    .limit(1);
  return rows.length > 0;
}

/**
 * First-run setup: the first workspace, its owner and the owner's console login, in one write transaction that
 * refuses (409) once any workspace exists — so two racing setups cannot both succeed.
 */
export async function createFirstWorkspace(
  db: Db,
  input: { workspaceName: string; name: string; email: string; passwordHash: string },
) {
  return db.transaction(
    async (tx) => {
      const any = await tx
        .select({ one: sql<number>`1` })
        .from(workspaces)
        .limit(1);
      if (any.length > 0) {
        throw new ApiError("conflict", "Threadline is already set up: sign in, or ask your workspace's admin for an invitation.");
      }
      const created = await insertWorkspaceAndOwner(tx, {
        name: input.workspaceName,
        ownerEmail: input.email,
        ownerName: input.name,
      });
      await createLogin(tx, {
        threadlineUserId: created.userId,
        email: input.email,
        name: input.name,
        passwordHash: input.passwordHash,
      });
      return created;
    },
    { behavior: "immediate" },
  );
}
