// Bulk actions on the Contacts page (issue 17): ids, a filter ("select all N matching") or a segment; all or nothing.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
const id: Record<string, string> = {};
let sequenceId = "";

beforeEach(async () => {
  t = await createTestApp();
  const people = [
    { key: "anna", email: "anna@berlin-tools.de", firstName: "Anna", country: "DE", tags: ["fair"] },
    { key: "bo", email: "bo@blocked.example", firstName: "Bo", country: "DE", tags: ["fair"] },
    { key: "carl", email: "carl@berlin-tools.de", country: "DE", tags: ["fair"] },
    { key: "dora", email: "dora@gmail.com", firstName: "Dora", country: "US", tags: [] },
  ];
  for (const { key, ...p } of people) id[key] = (await t.call("POST", "/api/v1/contacts", { body: p })).json.id;
  await t.call("POST", "/api/v1/suppressions", { body: { kind: "domain", value: "blocked.example" } });
  sequenceId = (
    await t.call("POST", "/api/v1/sequences", {
      body: {
        name: "Fair follow-up",
        steps: [{ kind: "email", config: { subject: "Hi {{first_name}}", bodyHtml: "<p>Hi</p>" } }],
      },
    })
  ).json.id;
});
afterEach(() => t.close());

const bulk = (body: unknown, token?: string) => t.call("POST", "/api/v1/contacts/bulk", { body, ...(token ? { token } : {}) });
const tagsOf = async (key: string) => (await t.call("GET", `/api/v1/contacts/${id[key]}`)).json.tags;
const enrolmentCount = async () => Number((await t.client.execute("SELECT count(*) AS n FROM enrollments")).rows[0]!.n);

describe("add to sequence", () => {
  test("refusals are listed by reason — suppressed, already enrolled, missing variables named — and nobody is enrolled", async () => {
    expect((await bulk({ target: { ids: [id.anna] }, action: { type: "add_to_sequence", sequenceId } })).json).toEqual({
      matched: 1,
      changed: 1,
    });
    const r = await bulk({ target: { filter: { tag: "fair" } }, action: { type: "add_to_sequence", sequenceId } });
    expect([r.status, r.json.error.code]).toEqual([400, "bad_request"]);
    expect(r.json.error.message).toMatch(
      /^Nobody was enrolled: 1 suppressed, 1 already in this sequence, 1 missing template variables/,
    );
    expect(r.json.error.details.refusals).toEqual([
      { reason: "suppressed", contacts: [{ contact: "bo@blocked.example", message: expect.stringContaining("suppressed") }] },
      { reason: "already_enrolled", contacts: [{ contact: "anna@berlin-tools.de", message: expect.any(String) }] },
      {
        reason: "missing_variables",
        contacts: [{ contact: "carl@berlin-tools.de", message: expect.stringContaining("first_name"), missing: ["first_name"] }],
      },
    ]);
    expect(await enrolmentCount()).toBe(1);
  });

  test("a segment target enrols everyone it matches", async () => {
    const seg = (await t.call("POST", "/api/v1/segments", { body: { name: "US", filter: { country: "US" } } })).json.id;
    const r = await bulk({ target: { segmentId: seg }, action: { type: "add_to_sequence", sequenceId } });
    expect([r.status, r.json]).toEqual([200, { matched: 1, changed: 1 }]);
    expect(
      (await t.call("GET", `/api/v1/contacts?inSequence=yes&sequenceId=${sequenceId}`)).json.items.map((c: any) => c.id),
    ).toEqual([id.dora]);
  });
});

describe("tags, stage, owner", () => {
  test("add and remove a tag over a filter; contacts that already had it are not counted as changed", async () => {
    expect((await bulk({ target: { filter: { country: "DE" } }, action: { type: "add_tag", tag: "q3" } })).json).toEqual({
      matched: 3,
      changed: 3,
    });
    expect(await tagsOf("anna")).toEqual(["fair", "q3"]);
    expect((await bulk({ target: { ids: [id.anna, id.dora] }, action: { type: "remove_tag", tag: "fair" } })).json).toEqual({
      matched: 2,
      changed: 1,
    });
    expect([await tagsOf("anna"), await tagsOf("dora")]).toEqual([["q3"], []]);
  });

  test("set stage writes one stage_change event per changed contact", async () => {
    const r = await bulk({ target: { ids: [id.anna, id.carl] }, action: { type: "set_stage", stage: "qualified" } });
    expect(r.json).toEqual({ matched: 2, changed: 2 });
    const again = await bulk({ target: { ids: [id.anna, id.carl] }, action: { type: "set_stage", stage: "qualified" } });
    expect(again.json).toEqual({ matched: 2, changed: 0 });
    const events = await t.client.execute(
      "SELECT contact_id, payload FROM timeline_events WHERE type = 'stage_change' ORDER BY contact_id",
    );
    expect(events.rows.map((e) => JSON.parse(String(e.payload)))).toEqual([
      { from: "lead", to: "qualified" },
      { from: "lead", to: "qualified" },
    ]);
  });

  test("assign owner; an owner from another workspace is a 400 and nothing changes", async () => {
    expect((await bulk({ target: { filter: {} }, action: { type: "assign_owner", ownerId: t.aRep.userId } })).json).toEqual({
      matched: 4,
      changed: 4,
    });
    const foreign = await bulk({ target: { filter: {} }, action: { type: "assign_owner", ownerId: t.b.userId } });
    expect([foreign.status, foreign.json.error.message]).toEqual([400, expect.stringContaining("ownerId")]);
    expect((await t.call("GET", `/api/v1/contacts?owner=${t.aRep.userId}`)).json.items).toHaveLength(4);
    expect((await bulk({ target: { ids: [id.anna] }, action: { type: "assign_owner", ownerId: null } })).json.changed).toBe(1);
  });
});

describe("all or nothing, roles, isolation", () => {
  test("one unknown id (or another workspace's) and nothing is changed", async () => {
    const theirs = (await t.call("POST", "/api/v1/contacts", { token: t.b.token, body: { email: "x@b.example" } })).json.id;
    const r = await bulk({ target: { ids: [id.anna, theirs] }, action: { type: "add_tag", tag: "pwned" } });
    expect([r.status, r.json.error.details.unknown]).toEqual([404, [theirs]]);
    expect(await tagsOf("anna")).toEqual(["fair"]);
  });

  test("a contact with 50 tags refuses the whole add_tag", async () => {
    const full = Array.from({ length: 50 }, (_, i) => `t${i}`);
    await t.call("PATCH", `/api/v1/contacts/${id.carl}`, { body: { tags: full } });
    const r = await bulk({ target: { filter: { country: "DE" } }, action: { type: "add_tag", tag: "one-more" } });
    expect([r.status, r.json.error.message]).toEqual([400, expect.stringContaining("carl@berlin-tools.de")]);
    expect(await tagsOf("anna")).toEqual(["fair"]);
  });

  test("viewers cannot run bulk actions or export; bad bodies are 400s naming the field", async () => {
    const v = await bulk({ target: { ids: [id.anna] }, action: { type: "add_tag", tag: "x" } }, t.aViewer.token);
    expect(v.status).toBe(403);
    for (const [body, field] of [
      [{ target: { ids: [] }, action: { type: "add_tag", tag: "x" } }, "target"],
      [{ target: { ids: [id.anna] }, action: { type: "explode" } }, "action"],
      [{ target: { ids: [id.anna] }, action: { type: "set_stage", stage: "sold" } }, "stage"],
    ] as const) {
      const r = await bulk(body);
      expect([r.status, r.json.error.message]).toEqual([400, expect.stringContaining(field)]);
    }
  });

  test("export: the target's contacts as CSV, formulas neutralised", async () => {
    await t.call("PATCH", `/api/v1/contacts/${id.dora}`, { body: { title: "=HYPERLINK(1)" } });
    const res = await t.app.request("/api/v1/contacts/bulk/export", {
      method: "POST",
      headers: { authorization: `Bearer ${t.a.token}`, "content-type": "application/json" },
      body: JSON.stringify({ target: { filter: { country: "US" } } }),
    });
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(lines[0]).toMatch(/^id,email,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("dora@gmail.com");
    expect(lines[1]).toContain("'=HYPERLINK(1)");
  });
});
