import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { applyRulesOnEmailReceived } from "../rules/apply-rules";
import { addTestMember, createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const inquiryRule = {
  name: "Inquiries",
  trigger: "email_received",
  conditions: [{ type: "keywords", keywords: ["inquiry", "询价", "报价", "quotation", "PO"] }],
  actions: [
    { type: "add_tags", tags: ["inquiry"] },
    { type: "set_stage", stage: "qualified" },
  ],
};

describe("rules API", () => {
  test("create → list → patch → delete", async () => {
    const created = await t.call("POST", "/api/v1/rules", { body: inquiryRule });
    expect(created.status).toBe(201);
    expect(created.json.conditions[0].in).toEqual(["subject", "body"]);
    expect(created.json.enabled).toBe(true);
    const list = await t.call("GET", "/api/v1/rules?trigger=email_received");
    expect(list.json.items.map((r: { id: string }) => r.id)).toEqual([created.json.id]);
    expect((await t.call("GET", "/api/v1/rules?trigger=contact_created")).json.items).toHaveLength(0);
    const patched = await t.call("PATCH", `/api/v1/rules/${created.json.id}`, { body: { enabled: false } });
    expect(patched.status).toBe(200);
    expect(patched.json.enabled).toBe(false);
    expect(patched.json.name).toBe("Inquiries");
    expect((await t.call("DELETE", `/api/v1/rules/${created.json.id}`)).status).toBe(200);
    expect((await t.call("GET", `/api/v1/rules/${created.json.id}`)).status).toBe(404);
  });

  test.each([
    ["no actions", { ...inquiryRule, actions: [] }, "actions"],
    ["unknown condition", { ...inquiryRule, conditions: [{ type: "weather" }] }, "conditions"],
    ["bad stage", { ...inquiryRule, actions: [{ type: "set_stage", stage: "won-ish" }] }, "actions"],
    ["bad trigger", { ...inquiryRule, trigger: "sometimes" }, "trigger"],
  ])("400 on %s", async (_n, body, field) => {
    const r = await t.call("POST", "/api/v1/rules", { body });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("bad_request");
    expect(r.json.error.message).toContain(field);
    expect((await t.call("GET", "/api/v1/rules")).json.items).toHaveLength(0);
  });

  test("reps and viewers read but cannot write", async () => {
    const rep = await addTestMember(t.db, t.a.workspaceId, "rep");
    const viewer = await addTestMember(t.db, t.a.workspaceId, "viewer");
    const created = await t.call("POST", "/api/v1/rules", { body: inquiryRule });
    for (const token of [rep.token, viewer.token]) {
      expect((await t.call("GET", "/api/v1/rules", { token })).json.items).toHaveLength(1);
      const denied = await t.call("POST", "/api/v1/rules", { token, body: inquiryRule });
      expect(denied.status).toBe(403);
      expect(denied.json.error.code).toBe("forbidden");
      expect((await t.call("DELETE", `/api/v1/rules/${created.json.id}`, { token })).status).toBe(403);
    }
    const admin = await addTestMember(t.db, t.a.workspaceId, "admin");
    expect((await t.call("POST", "/api/v1/rules", { token: admin.token, body: inquiryRule })).status).toBe(201);
  });

  test("workspace isolation: B cannot see, change or delete A's rule", async () => {
    const created = await t.call("POST", "/api/v1/rules", { body: inquiryRule });
    const asB = { token: t.b.token };
    expect((await t.call("GET", "/api/v1/rules", asB)).json.items).toHaveLength(0);
    expect((await t.call("GET", `/api/v1/rules/${created.json.id}`, asB)).status).toBe(404);
    expect((await t.call("PATCH", `/api/v1/rules/${created.json.id}`, { ...asB, body: { name: "x" } })).status).toBe(404);
    expect((await t.call("DELETE", `/api/v1/rules/${created.json.id}`, asB)).status).toBe(404);
    expect((await t.call("GET", `/api/v1/rules/${created.json.id}`)).json.name).toBe("Inquiries");
  });
});

describe("rules applied", () => {
  test("on contact creation: country and domain tag, stage and owner", async () => {
    const rep = await addTestMember(t.db, t.a.workspaceId, "rep");
    await t.call("POST", "/api/v1/rules", {
      body: {
        name: "German buyers to the DACH rep",
        trigger: "contact_created",
        conditions: [{ type: "country", countries: ["DE", "AT", "CH"] }],
        actions: [
          { type: "add_tags", tags: ["dach"] },
          { type: "assign_owner", userId: rep.userId },
          { type: "set_stage", stage: "contacted" },
        ],
      },
    });
    const de = await t.call("POST", "/api/v1/contacts", { body: { email: "hans@tools.de", country: "DE", tags: ["fair"] } });
    expect(de.status).toBe(201);
    expect(de.json.tags).toEqual(["fair", "dach"]);
    expect(de.json.ownerId).toBe(rep.userId);
    expect(de.json.stage).toBe("contacted");
    const us = await t.call("POST", "/api/v1/contacts", { body: { email: "joe@tools.com", country: "US" } });
    expect(us.json.tags).toEqual([]);
    expect(us.json.ownerId).toBeNull();
    // B's contacts are untouched by A's rules.
    const b = await t.call("POST", "/api/v1/contacts", { token: t.b.token, body: { email: "hans@tools.de", country: "DE" } });
    expect(b.json.tags).toEqual([]);
  });

  test("assign_owner to a user of another workspace is ignored", async () => {
    await t.call("POST", "/api/v1/rules", {
      body: { name: "x", trigger: "contact_created", conditions: [], actions: [{ type: "assign_owner", userId: t.b.userId }] },
    });
    const c = await t.call("POST", "/api/v1/contacts", { body: { email: "x@y.com" } });
    expect(c.json.ownerId).toBeNull();
  });

  test.each([
    ["Chinese inquiry in the body", "您好", "我们想询价，请尽快报价。", true],
    ["PO in the subject", "PO 4711 attached", "", true],
    ["no keyword", "Monthly report", "See the attached report.", false],
  ])("applyRulesOnEmailReceived: %s", async (_n, subject, body, matches) => {
    await t.call("POST", "/api/v1/rules", { body: inquiryRule });
    const c = await t.call("POST", "/api/v1/contacts", { body: { email: "buyer@factory.cn" } });
    const outcome = await applyRulesOnEmailReceived(t.db, {
      workspaceId: t.a.workspaceId,
      contactId: c.json.id,
      fromAddress: "buyer@factory.cn",
      subject,
      body,
    });
    expect(outcome?.matchedRuleIds.length).toBe(matches ? 1 : 0);
    const after = await t.call("GET", `/api/v1/contacts/${c.json.id}`);
    expect(after.json.tags).toEqual(matches ? ["inquiry"] : []);
    expect(after.json.stage).toBe(matches ? "qualified" : "lead");
  });

  test("applyRulesOnEmailReceived does not cross workspaces", async () => {
    await t.call("POST", "/api/v1/rules", { body: inquiryRule });
    const c = await t.call("POST", "/api/v1/contacts", { body: { email: "buyer@factory.cn" } });
    const outcome = await applyRulesOnEmailReceived(t.db, {
      workspaceId: t.b.workspaceId,
      contactId: c.json.id,
      fromAddress: "buyer@factory.cn",
      subject: "inquiry",
    });
    expect(outcome).toBeNull();
    expect((await t.call("GET", `/api/v1/contacts/${c.json.id}`)).json.tags).toEqual([]);
  });
});
