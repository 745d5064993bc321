import type { Role } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { apiTokens, users } from "../db/schema";
import { generateTokenSecret, hashToken } from "../http/auth";

/** Test helper: another user with an API token in an existing workspace. */
export async function addUser(
  db: Db,
  input: { workspaceId: string; email: string; name: string; role: Role; timeZone?: string },
) {
  const userId = newId("us");
  const token = generateTokenSecret();
  await db.insert(users).values({
    id: userId,
    workspaceId: input.workspaceId,
    email: input.email,
    name: input.name,
    role: input.role,
    timeZone: input.timeZone ?? "UTC",
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
