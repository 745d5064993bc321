import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { apiTokens, users, workspaces } from "../db/schema";
import { generateTokenSecret, hashToken } from "../http/auth";

/**
 * Creates a workspace, its owner and one API token for the owner, in one transaction.
 * `token` fixes the secret (THREADLINE_DEMO_TOKEN, tests); otherwise a random one is made.
 */
export async function createWorkspaceWithOwner(
  db: Db,
  input: { name: string; ownerEmail: string; ownerName: string; ownerTimeZone?: string; token?: string },
) {
  const workspaceId = newId("ws");
  const userId = newId("us");
  const secret = input.token ?? generateTokenSecret();
  await db.transaction(async (tx) => {
    await tx.insert(workspaces).values({ id: workspaceId, name: input.name });
    await tx.insert(users).values({
      id: userId,
      workspaceId,
      email: input.ownerEmail.toLowerCase(),
      name: input.ownerName,
      role: "owner",
      timeZone: input.ownerTimeZone ?? "UTC",
    });
    await tx.insert(apiTokens).values({
      id: newId("tk"),
      workspaceId,
      userId,
      name: "Default token",
      tokenHash: hashToken(secret),
      prefix: secret.slice(0, 8),
    });
  });
  return { workspaceId, userId, token: secret };
}
