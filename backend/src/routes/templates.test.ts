import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const quote = {
  name: "Quotation",
  subject: "Quotation for {{company.name | your company}}",
  bodyHtml: "<p>Dear {{first_name | Sir or Madam}},</p>",
  folder: "Sales",
  tags: ["quote"],
};

describe("templates", () => {
  test("create → get → update bumps version → list → delete", async () => {
    const created = await t.call("POST", "/api/v1/templates", { body: quote });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ ...quote, visibility: "shared", version: 1, ownerId: t.a.userId, language: "en" });
    const id = created.json.id;
    expect((await t.call("GET", `/api/v1/templates/${id}`)).json).toEqual(created.json);

    const upd = await t.call("PATCH", `/api/v1/templates/${id}`, { body: { subject: "New subject" } });
    expect(upd.status).toBe(200);
    expect(upd.json).toMatchObject({ subject: "New subject", name: "Quotation", visibility: "shared", version: 2 });
    expect(Date.parse(upd.json.updatedAt)).toBeGreaterThan(Date.parse(created.json.updatedAt));
    const upd2 = await t.call("PATCH", `/api/v1/templates/${id}`, { token: t.aRep.token, body: { name: "Q2" } });
    expect(upd2.json.version).toBe(3);

    expect((await t.call("GET", "/api/v1/templates?folder=Sales")).json.items).toHaveLength(1);
    expect((await t.call("GET", "/api/v1/templates?tag=quote")).json.items).toHaveLength(1);
    expect((await t.call("GET", "/api/v1/templates?q=q2")).json.items).toHaveLength(1);
    expect((await t.call("GET", "/api/v1/templates?q=nothing")).json.items).toHaveLength(0);

    expect((await t.call("DELETE", `/api/v1/templates/${id}`)).json).toEqual({ deleted: true });
    expect((await t.call("GET", `/api/v1/templates/${id}`)).status).toBe(404);
  });

  test("a private template exists only for its owner", async () => {
    const mine = await t.call("POST", "/api/v1/templates", { token: t.aRep.token, body: { ...quote, visibility: "private" } });
    const id = mine.json.id;
    expect((await t.call("GET", `/api/v1/templates/${id}`, { token: t.aRep.token })).status).toBe(200);
    for (const token of [t.a.token, t.aViewer.token]) {
      expect((await t.call("GET", `/api/v1/templates/${id}`, { token })).status).toBe(404);
      expect((await t.call("GET", "/api/v1/templates", { token })).json.items).toHaveLength(0);
    }
    expect((await t.call("PATCH", `/api/v1/templates/${id}`, { body: { name: "stolen" } })).status).toBe(404);
    expect((await t.call("DELETE", `/api/v1/templates/${id}`)).status).toBe(404);
    // A partial update leaves visibility alone (no default sneaking back in).
    const upd = await t.call("PATCH", `/api/v1/templates/${id}`, { token: t.aRep.token, body: { name: "Mine" } });
    expect(upd.json).toMatchObject({ visibility: "private", version: 2 });
  });

  test("only the owner or an admin changes visibility or deletes; viewers never write", async () => {
    const shared = await t.call("POST", "/api/v1/templates", { body: quote });
    const id = shared.json.id;
    expect(
      (await t.call("PATCH", `/api/v1/templates/${id}`, { token: t.aRep.token, body: { visibility: "private" } })).status,
    ).toBe(403);
    expect((await t.call("DELETE", `/api/v1/templates/${id}`, { token: t.aRep.token })).status).toBe(403);
    expect((await t.call("POST", "/api/v1/templates", { token: t.aViewer.token, body: quote })).status).toBe(403);
    expect((await t.call("PATCH", `/api/v1/templates/${id}`, { token: t.aViewer.token, body: { name: "v" } })).status).toBe(403);
    expect((await t.call("GET", `/api/v1/templates/${id}`)).json.version).toBe(1);
  });

  test.each([
    ["missing name", { subject: "s", bodyHtml: "b" }, "name"],
    ["empty name", { ...quote, name: " " }, "name"],
    ["bad visibility", { ...quote, visibility: "public" }, "visibility"],
    ["oversized body", { ...quote, bodyHtml: "x".repeat(200_001) }, "bodyHtml"],
    ["wrong type", { ...quote, tags: "quote" }, "tags"],
    ["unknown field", { ...quote, html: "x" }, "html"],
    ["bad language", { ...quote, language: "english" }, "language"],
  ])("400 on %s", async (_n, body, field) => {
    const r = await t.call("POST", "/api/v1/templates", { body });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain(field);
    expect((await t.call("GET", "/api/v1/templates")).json.items).toHaveLength(0);
  });
});
