// The Contacts list's filters, sorts, keyset pages, count and segments (issue 17).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
const ids: Record<string, string> = {};
const emails = (r: { json: { items: { email: string }[] } }) => r.json.items.map((c) => c.email);

beforeAll(async () => {
  t = await createTestApp();
  const people = [
    { email: "anna@berlin-tools.de", firstName: "Anna", lastName: "Zimmer", country: "DE", stage: "lead", tags: ["fair-2026"] },
    { email: "bo@shenzhen-bright.cn", firstName: "Bo", lastName: "Li", country: "CN", stage: "qualified", tags: ["vip"] },
    { email: "carl@berlin-tools.de", firstName: "Carl", lastName: "Adler", country: "DE", stage: "customer", tags: [] },
    { email: "dora@gmail.com", country: "US", tags: ["fair-2026", "vip"], ownerId: t.aRep.userId },
  ];
  for (const p of people) ids[p.email] = (await t.call("POST", "/api/v1/contacts", { body: p })).json.id;
  await t.client.execute({ sql: "UPDATE contacts SET email_status = 'invalid' WHERE email = 'carl@berlin-tools.de'", args: [] });
  // Workspace B has a DE lead of its own, never listed for A.
  await t.call("POST", "/api/v1/contacts", { token: t.b.token, body: { email: "b@b-only.de", country: "DE" } });
});
afterAll(() => t.close());

describe("GET /contacts filters", () => {
  test.each([
    ["country=DE", ["carl@berlin-tools.de", "anna@berlin-tools.de"]],
    ["country=de&stage=lead", ["anna@berlin-tools.de"]],
    ["tag=vip", ["dora@gmail.com", "bo@shenzhen-bright.cn"]],
    ["tag=fair-2026&country=US", ["dora@gmail.com"]],
    ["emailStatus=invalid", ["carl@berlin-tools.de"]],
    ["owner=none&country=US", []],
    ["q=berlin%20tools&stage=customer", ["carl@berlin-tools.de"]],
    // Every contact got a contact_created event just now.
    ["activeWithinDays=1&tag=vip", ["dora@gmail.com", "bo@shenzhen-bright.cn"]],
    ["inactiveForDays=1", []],
    ["inSequence=yes", []],
    ["inSequence=no&country=CN", ["bo@shenzhen-bright.cn"]],
  ])("?%s", async (query, expected) => {
    const r = await t.call("GET", `/api/v1/contacts?${query}`);
    expect(r.status).toBe(200);
    expect(emails(r)).toEqual(expected);
  });

  test("owner filter, company name and last activity on each row", async () => {
    const r = await t.call("GET", `/api/v1/contacts?owner=${t.aRep.userId}`);
    expect(emails(r)).toEqual(["dora@gmail.com"]);
    const de = await t.call("GET", "/api/v1/contacts?country=DE");
    expect(de.json.items[0].companyName).toBe("Berlin Tools");
    expect(Date.parse(de.json.items[0].lastActivityAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(r.json.items[0].companyName).toBeNull();
  });

  test("bad filter values are 400s naming the field", async () => {
    for (const [q, field] of [
      ["stage=sold", "stage"],
      ["country=Germany", "country"],
      ["emailStatus=bounced", "emailStatus"],
      ["inSequence=maybe", "inSequence"],
      ["activeWithinDays=0", "activeWithinDays"],
      ["sort=random", "sort"],
    ]) {
      const r = await t.call("GET", `/api/v1/contacts?${q}`);
      expect([r.status, r.json.error.message]).toEqual([400, expect.stringContaining(field!)]);
    }
  });
});

describe("sorts and keyset pages", () => {
  async function walk(query: string) {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { status: number; json: { items: { email: string }[]; nextCursor: string | null } } = await t.call(
        "GET",
        `/api/v1/contacts?limit=1&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(r.status).toBe(200);
      seen.push(...emails(r));
      cursor = r.json.nextCursor;
    } while (cursor);
    return seen;
  }

  test.each([
    ["sort=created", ["dora@gmail.com", "carl@berlin-tools.de", "bo@shenzhen-bright.cn", "anna@berlin-tools.de"]],
    ["sort=created&order=asc", ["anna@berlin-tools.de", "bo@shenzhen-bright.cn", "carl@berlin-tools.de", "dora@gmail.com"]],
    ["sort=email", ["anna@berlin-tools.de", "bo@shenzhen-bright.cn", "carl@berlin-tools.de", "dora@gmail.com"]],
    ["sort=email&order=desc", ["dora@gmail.com", "carl@berlin-tools.de", "bo@shenzhen-bright.cn", "anna@berlin-tools.de"]],
    // Last name, first name; no name → the address.
    ["sort=name", ["carl@berlin-tools.de", "dora@gmail.com", "bo@shenzhen-bright.cn", "anna@berlin-tools.de"]],
    ["sort=updated&country=DE", ["carl@berlin-tools.de", "anna@berlin-tools.de"]],
  ])("?%s, one row a page, visits every contact once in order", async (query, expected) => {
    expect(await walk(query)).toEqual(expected);
  });

  test("a cursor of another sort, or a forged one, is a 400 naming cursor", async () => {
    const byEmail = await t.call("GET", "/api/v1/contacts?limit=1&sort=email");
    const cursor = encodeURIComponent(byEmail.json.nextCursor);
    for (const q of [`sort=name&cursor=${cursor}`, `sort=email&order=desc&cursor=${cursor}`, "sort=email&cursor=k.bm90LWpzb24"]) {
      const r = await t.call("GET", `/api/v1/contacts?${q}`);
      expect([r.status, r.json.error.message]).toEqual([400, expect.stringContaining("cursor")]);
    }
  });
});

describe("count and segments", () => {
  test("GET /contacts/count matches the list", async () => {
    expect((await t.call("GET", "/api/v1/contacts/count?country=DE")).json).toEqual({ count: 2 });
    expect((await t.call("GET", "/api/v1/contacts/count")).json).toEqual({ count: 4 });
    expect((await t.call("GET", "/api/v1/contacts/count", { token: t.b.token })).json).toEqual({ count: 1 });
  });

  test("a segment saves a filter; the list and count use it and narrow it further", async () => {
    const made = await t.call("POST", "/api/v1/segments", {
      body: { name: "Trade show leads – DE", filter: { tag: "fair-2026", country: "de" } },
    });
    expect(made.status).toBe(201);
    expect(made.json.filter).toEqual({ tag: "fair-2026", country: "DE" });
    const seg = made.json.id;
    expect(emails(await t.call("GET", `/api/v1/contacts?segment=${seg}`))).toEqual(["anna@berlin-tools.de"]);
    expect(emails(await t.call("GET", `/api/v1/contacts?segment=${seg}&stage=customer`))).toEqual([]);
    expect((await t.call("GET", `/api/v1/contacts/count?segment=${seg}`)).json.count).toBe(1);

    const dup = await t.call("POST", "/api/v1/segments", { body: { name: "Trade show leads – DE", filter: {} } });
    expect([dup.status, dup.json.error.code]).toEqual([409, "conflict"]);
    const bad = await t.call("POST", "/api/v1/segments", { body: { name: "x", filter: { stage: "sold" } } });
    expect([bad.status, bad.json.error.message]).toEqual([400, expect.stringContaining("filter.stage")]);

    const renamed = await t.call("PATCH", `/api/v1/segments/${seg}`, { body: { filter: { tag: "vip" } } });
    expect([renamed.status, renamed.json.name]).toEqual([200, "Trade show leads – DE"]);
    expect(emails(await t.call("GET", `/api/v1/contacts?segment=${seg}`))).toEqual(["dora@gmail.com", "bo@shenzhen-bright.cn"]);
    expect((await t.call("GET", "/api/v1/segments")).json.items.map((s: { id: string }) => s.id)).toEqual([seg]);

    // Another workspace's segment is unknown here; a viewer reads segments but cannot save one.
    expect((await t.call("GET", `/api/v1/contacts?segment=${seg}`, { token: t.b.token })).status).toBe(404);
    expect((await t.call("GET", "/api/v1/segments", { token: t.aViewer.token })).json.items).toHaveLength(1);
    expect((await t.call("POST", "/api/v1/segments", { token: t.aViewer.token, body: { name: "v", filter: {} } })).status).toBe(
      403,
    );

    expect((await t.call("DELETE", `/api/v1/segments/${seg}`)).json).toEqual({ deleted: true });
    expect((await t.call("GET", `/api/v1/contacts?segment=${seg}`)).status).toBe(404);
  });
});
