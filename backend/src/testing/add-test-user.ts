// Adds a user with a role and an API token to a test workspace (for role and handover tests).
import type { Role } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { apiTokens, users } from "../db/schema";
import { generateTokenSecret, hashToken } from "../http/auth";

export async function addTestUser(db: Db, input: { workspaceId: string; role: Role; email?: string; name?: string }) {
  const userId = newId("us");
  const token = generateTokenSecret();
  await db.insert(users).values({
    id: userId,
    workspaceId: input.workspaceId,
    email: input.email ?? `${userId}@test.example`,
    name: input.name ?? `User ${input.role}`,
    role: input.role,
  });
  await db.insert(apiTokens).values({
    id: newId("tk"),
    workspaceId: input.workspaceId,
    userId,
    name: "test",
    tokenHash: hashToken(token),
    prefix: token.slice(0, 8),
  });
  return { userId, token };
}
