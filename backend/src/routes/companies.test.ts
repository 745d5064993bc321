import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe("companies", () => {
  test("auto-created from contacts; get and list with search and cursor", async () => {
    for (const email of ["a@acme-tools.de", "b@acme-tools.de", "c@ningbo-marine.com", "d@gmail.com", "e@busan-ship.kr"]) {
      await t.call("POST", "/api/v1/contacts", { body: { email } });
    }
    const all = await t.call("GET", "/api/v1/companies");
    expect(all.status).toBe(200);
    expect(all.json.items.map((c: { domain: string }) => c.domain).sort()).toEqual([
      "acme-tools.de",
      "busan-ship.kr",
      "ningbo-marine.com",
    ]);
    const acme = all.json.items.find((c: { domain: string }) => c.domain === "acme-tools.de");
    expect(acme.name).toBe("Acme Tools");
    expect((await t.call("GET", `/api/v1/companies/${acme.id}`)).json).toEqual(acme);

    expect((await t.call("GET", "/api/v1/companies?q=marine")).json.items).toHaveLength(1);
    expect((await t.call("GET", "/api/v1/companies?q=100%25")).json.items).toHaveLength(0);

    const p1 = await t.call("GET", "/api/v1/companies?limit=2");
    const p2 = await t.call("GET", `/api/v1/companies?limit=2&cursor=${p1.json.nextCursor}`);
    const ids = [...p1.json.items, ...p2.json.items].map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(3);
    expect(p2.json.nextCursor).toBeNull();
  });

  test.each([
    ["/api/v1/companies?limit=0", "limit"],
    ["/api/v1/companies?limit=abc", "limit"],
    ["/api/v1/companies?colour=red", "colour"],
    ["/api/v1/companies/x", "id"],
  ])("400 for %s", async (path, field) => {
    const r = await t.call("GET", path);
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain(field);
  });

  test("404 for an unknown id; 401 without a token", async () => {
    expect((await t.call("GET", "/api/v1/companies/co_nope")).status).toBe(404);
    expect((await t.call("GET", "/api/v1/companies", { token: null })).status).toBe(401);
  });
});
