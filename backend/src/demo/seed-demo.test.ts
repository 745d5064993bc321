import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkPassword } from "@threadline/shared/domain/check-password";
import { openDatabase, type Database } from "../db/client";
import { DEMO_OWNER_EMAIL, generateDemoPassword, seedDemo } from "./seed-demo";

describe("seedDemo's console login", () => {
  let database: Database;
  beforeAll(async () => (database = await openDatabase({ url: ":memory:" })));
  afterAll(() => database.close());

  test("the first start sets the demo owner's password and returns it; later starts return none", async () => {
    const first = await seedDemo(database.db, { token: "tl_demo_token_for_tests_0123456789" });
    expect(first.created).toBe(true);
    expect(checkPassword({ password: first.password!, email: DEMO_OWNER_EMAIL })).toBeNull();
    const logins = await database.client.execute("SELECT email FROM auth_users");
    expect(logins.rows.map((r) => r.email)).toEqual([DEMO_OWNER_EMAIL]);

    const second = await seedDemo(database.db, { token: "tl_demo_token_for_tests_0123456789", password: "ignored-now-123" });
    expect([second.created, second.password]).toEqual([false, null]);
  });

  test("a demo database from before console sign-in gets the login on its next start", async () => {
    await database.client.execute("DELETE FROM auth_accounts");
    await database.client.execute("DELETE FROM auth_users");
    const next = await seedDemo(database.db, { password: "maple-lantern-orbit-5" });
    expect(next.password).toBe("maple-lantern-orbit-5");
  });

  test.each([1, 2, 3, 4, 5])("generated passwords pass the password rule (%i)", () => {
    expect(checkPassword({ password: generateDemoPassword(), email: DEMO_OWNER_EMAIL })).toBeNull();
  });
});
