import { afterEach, beforeEach, expect, test } from "vitest";
import { mailboxes } from "../db/schema";
import { createTestApp, type TestApp } from "../testing/test-app";
import { assertEncryptionKey } from "./assert-encryption-key";
import { sealCredentials } from "./mailbox-credentials";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

test("starts without a key while only outbox mailboxes exist; refuses once credentials are stored", async () => {
  await t.db
    .insert(mailboxes)
    .values({ id: "mb_1", workspaceId: t.a.workspaceId, userId: t.a.userId, kind: "outbox", email: "o@a.example" });
  await expect(assertEncryptionKey(t.db, null)).resolves.toBeUndefined();
  const key = Buffer.alloc(32, 1);
  await t.db.insert(mailboxes).values({
    id: "mb_2",
    workspaceId: t.a.workspaceId,
    userId: t.a.userId,
    kind: "gmail",
    email: "g@a.example",
    credentialsEnc: sealCredentials(key, { kind: "gmail", refreshToken: "1//x" }),
  });
  await expect(assertEncryptionKey(t.db, null)).rejects.toThrow(/ENCRYPTION_KEY is not set/);
  await expect(assertEncryptionKey(t.db, key)).resolves.toBeUndefined();
  expect(() => sealCredentials(null, { kind: "gmail", refreshToken: "x" })).toThrow(/ENCRYPTION_KEY/);
});
