// A console login (email + password) for a Threadline user, written with the user's other rows in one transaction:
// setup, invitation accept and the demo seed. The password is hashed by better-auth's own hasher (scrypt), so
// better-auth's sign-in verifies it.
import { eq } from "drizzle-orm";
import { newId } from "../db/new-id";
import { authAccounts, authUsers } from "../db/schema";
import { ApiError } from "../http/api-error";
import type { DbOrTx } from "../repo/db-or-tx";

/** better-auth's password hash; slow on purpose, so call it before opening the transaction. */
export async function hashPassword(password: string): Promise<string> {
  const { hashPassword: hash } = await import("better-auth/crypto");
  return hash(password);
}

/** Inserts the login; 409 when the email already signs in (to this or another workspace). */
export async function createLogin(
  tx: DbOrTx,
  input: { threadlineUserId: string; email: string; name: string; passwordHash: string },
) {
  const email = input.email.toLowerCase();
  const taken = await tx.select({ id: authUsers.id }).from(authUsers).where(eq(authUsers.email, email)).limit(1);
  if (taken[0]) {
    throw new ApiError("conflict", `${email} already signs in to a Threadline workspace; use another email address.`, {
      fields: [{ path: "email", message: "already signs in to a workspace" }],
    });
  }
  const id = newId("lg");
  const now = new Date();
  await tx.insert(authUsers).values({
    id,
    threadlineUserId: input.threadlineUserId,
    name: input.name,
    email,
    emailVerified: false,
    createdAt: now,
    updatedAt: now,
  });
  // better-auth finds a password login as the "credential" account whose accountId is the login's id.
  await tx.insert(authAccounts).values({
    id: newId("la"),
    userId: id,
    providerId: "credential",
    accountId: id,
    password: input.passwordHash,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}
