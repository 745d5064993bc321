import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const outbox = (token: string) =>
  t.call("POST", "/api/v1/mailboxes", { token, body: { kind: "outbox", email: "test-outbox@a.example" } });

describe("PATCH /mailboxes/{id}", () => {
  test("changes cap, spacing and pause; GET shows them; disconnect keeps the row", async () => {
    const mb = await outbox(t.aRep.token);
    expect(mb.json).toMatchObject({ kind: "outbox", paused: false, minSpacingSeconds: 0 });
    const r = await t.call("PATCH", `/api/v1/mailboxes/${mb.json.id}`, {
      token: t.aRep.token,
      body: { dailyCap: 150, minSpacingSeconds: 90, paused: true },
    });
    expect([r.status, r.json.dailyCap, r.json.minSpacingSeconds, r.json.paused]).toEqual([200, 150, 90, true]);
    const listed = await t.call("GET", "/api/v1/mailboxes", { token: t.aRep.token });
    expect(listed.json.items[0]).toMatchObject({ id: mb.json.id, dailyCap: 150, minSpacingSeconds: 90, paused: true });
    expect((await t.call("DELETE", `/api/v1/mailboxes/${mb.json.id}`, { token: t.aRep.token })).status).toBe(200);
    const after = await t.call("GET", "/api/v1/mailboxes", { token: t.aRep.token });
    expect(after.json.items[0]).toMatchObject({ id: mb.json.id, active: false });
  });

  test.each([
    ["empty", {}, ""],
    ["cap zero", { dailyCap: 0 }, "dailyCap"],
    ["cap not a number", { dailyCap: "100" }, "dailyCap"],
    ["negative spacing", { minSpacingSeconds: -1 }, "minSpacingSeconds"],
    ["spacing over a day", { minSpacingSeconds: 86_401 }, "minSpacingSeconds"],
    ["paused not a boolean", { paused: "yes" }, "paused"],
    ["unknown field", { kind: "smtp" }, ""],
  ])("refuses bad input with a 400: %s", async (_, body, field) => {
    const mb = await outbox(t.a.token);
    const r = await t.call("PATCH", `/api/v1/mailboxes/${mb.json.id}`, { body });
    expect([r.status, r.json.error.code]).toEqual([400, "bad_request"]);
    if (field) expect(JSON.stringify(r.json.error)).toContain(field);
  });

  test("a rep cannot change another user's mailbox (404); an admin can; a viewer cannot write", async () => {
    const owners = await outbox(t.a.token);
    expect(
      (await t.call("PATCH", `/api/v1/mailboxes/${owners.json.id}`, { token: t.aRep.token, body: { paused: true } })).status,
    ).toBe(404);
    const reps = await outbox(t.aRep.token);
    expect((await t.call("PATCH", `/api/v1/mailboxes/${reps.json.id}`, { body: { paused: true } })).json.paused).toBe(true);
    expect(
      (await t.call("PATCH", `/api/v1/mailboxes/${reps.json.id}`, { token: t.aViewer.token, body: { paused: false } })).status,
    ).toBe(403);
  });
});
