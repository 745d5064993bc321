import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { parse } from "csv-parse/sync";
import { newId } from "../db/new-id";
import { notes } from "../db/schema";
import { addTestMember, createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

async function download(path: string, token = t.a.token) {
  const res = await t.app.request(path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

describe("export", () => {
  test("contacts as CSV: header, one row each, tags joined, formulas neutralised, phones kept", async () => {
    await t.call("POST", "/api/v1/contacts", {
      body: { email: "li@bright.cn", displayName: "李伟", tags: ["led", "vip"], phone: "+86 755 1234" },
    });
    await t.call("POST", "/api/v1/contacts", { body: { email: "evil@x.com", title: '=HYPERLINK("http://x")' } });
    const r = await download("/api/v1/export/contacts?format=csv");
    expect(r.status).toBe(200);
    expect(r.type).toContain("text/csv");
    const rows = parse(r.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    const li = rows.find((x) => x.email === "li@bright.cn")!;
    expect(li).toMatchObject({ displayName: "李伟", tags: "led; vip", phone: "+86 755 1234", hot: "false" });
    expect(rows.find((x) => x.email === "evil@x.com")!.title).toBe('\'=HYPERLINK("http://x")');
  });

  test("every kind as JSON, and pages beyond one database page", async () => {
    // Bulk-create through the import so the test stays quick.
    const csv = ["email", ...Array.from({ length: 1205 }, (_, j) => `p${j}@acme.com`)].join("\n");
    const up = await t.app.request("/api/v1/imports", {
      method: "POST",
      headers: { authorization: `Bearer ${t.a.token}`, "content-type": "text/csv" },
      body: csv,
    });
    expect(up.status).toBe(201);
    const contacts = JSON.parse((await download("/api/v1/export/contacts?format=json")).text);
    expect(contacts).toHaveLength(1205);
    expect(new Set(contacts.map((c: { id: string }) => c.id)).size).toBe(1205);
    expect(contacts[0].workspaceId).toBeUndefined();
    const companies = JSON.parse((await download("/api/v1/export/companies?format=json")).text);
    expect(companies.map((c: { domain: string }) => c.domain)).toEqual(["acme.com"]);
    const timeline = JSON.parse((await download("/api/v1/export/timeline?format=json")).text);
    expect(timeline).toHaveLength(1205);
    expect(timeline[0].type).toBe("contact_created");
    await t.db
      .insert(notes)
      .values({ id: newId("nt"), workspaceId: t.a.workspaceId, contactId: contacts[0].id, body: "Met at booth 12" });
    const noteCsv = parse((await download("/api/v1/export/notes")).text, { bom: true, columns: true });
    expect(noteCsv).toEqual([expect.objectContaining({ body: "Met at booth 12", contactId: contacts[0].id })]);
  });

  test("empty workspace: a header-only CSV and an empty JSON array", async () => {
    expect(JSON.parse((await download("/api/v1/export/notes?format=json")).text)).toEqual([]);
    expect((await download("/api/v1/export/companies")).text.replace(/^\uFEFF/, "").trim()).toBe(
      "id,domain,name,country,ownerId,createdAt,updatedAt",
    );
  });

  test("validation and roles", async () => {
    const bad = await t.call("GET", "/api/v1/export/passwords");
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("bad_request");
    expect((await t.call("GET", "/api/v1/export/contacts?format=xml")).status).toBe(400);
    const rep = await addTestMember(t.db, t.a.workspaceId, "rep");
    expect((await t.call("GET", "/api/v1/export/contacts", { token: rep.token })).status).toBe(403);
  });

  test("workspace isolation: B's export holds none of A's data", async () => {
    await t.call("POST", "/api/v1/contacts", { body: { email: "a-only@acme.com" } });
    await t.call("POST", "/api/v1/contacts", { token: t.b.token, body: { email: "b-only@beta.com" } });
    for (const kind of ["contacts", "companies", "timeline"]) {
      const b = (await download(`/api/v1/export/${kind}?format=json`, t.b.token)).text;
      expect(b).not.toContain("a-only@acme.com");
      expect(b).not.toContain("acme.com");
      expect(JSON.parse(b)).toHaveLength(1);
    }
  });
});
