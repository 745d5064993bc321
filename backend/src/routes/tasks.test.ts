import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createSequenceFixture } from "../testing/sequence-fixture";
import { createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe("tasks", () => {
  test("list puts overdue tasks first, then by due date; complete and snooze move them", async () => {
    const contact = await t.call("POST", "/api/v1/contacts", { body: { email: "hans@example-tools.de" } });
    const later = await t.call("POST", "/api/v1/tasks", { body: { title: "Later", dueAt: inHours(48) } });
    const soon = await t.call("POST", "/api/v1/tasks", {
      body: { title: "Soon", dueAt: inHours(2), contactId: contact.json.id },
    });
    const late = await t.call("POST", "/api/v1/tasks", { body: { title: "Late", dueAt: inHours(-30), kind: "call" } });
    const lateToo = await t.call("POST", "/api/v1/tasks", { body: { title: "Late too", dueAt: inHours(-1) } });
    expect([later.status, soon.status, late.status, lateToo.status]).toEqual([201, 201, 201, 201]);
    expect(soon.json).toMatchObject({ ownerId: t.a.userId, kind: "custom", status: "open", overdue: false });

    let list = await t.call("GET", "/api/v1/tasks");
    expect(list.json.items.map((x: { title: string }) => x.title)).toEqual(["Late", "Late too", "Soon", "Later"]);
    expect(list.json.items.map((x: { overdue: boolean }) => x.overdue)).toEqual([true, true, false, false]);

    const snoozed = await t.call("POST", `/api/v1/tasks/${late.json.id}/snooze`, { body: { until: inHours(24) } });
    expect(snoozed.json).toMatchObject({ overdue: false, snoozedUntil: expect.any(String) });
    const done = await t.call("POST", `/api/v1/tasks/${lateToo.json.id}/complete`);
    expect(done.json).toMatchObject({ status: "done", overdue: false });
    expect((await t.call("POST", `/api/v1/tasks/${lateToo.json.id}/complete`)).status).toBe(200);

    list = await t.call("GET", "/api/v1/tasks");
    expect(list.json.items.map((x: { title: string }) => x.title)).toEqual(["Soon", "Late", "Later"]);
    const all = await t.call("GET", "/api/v1/tasks?status=any");
    expect(all.json.items).toHaveLength(4);

    await t.call("POST", `/api/v1/tasks/${soon.json.id}/complete`);
    const card = await t.call("GET", `/api/v1/contacts/${contact.json.id}`);
    expect(card.status).toBe(200);
    const patched = await t.call("PATCH", `/api/v1/tasks/${late.json.id}`, {
      body: { dueAt: inHours(-5), ownerId: t.aRep.userId },
    });
    expect(patched.json).toMatchObject({ snoozedUntil: null, overdue: true, ownerId: t.aRep.userId });
    const repList = await t.call("GET", "/api/v1/tasks", { token: t.aRep.token });
    expect(repList.json.items.map((x: { title: string }) => x.title)).toEqual(["Late"]);
    const mine = await t.call("GET", `/api/v1/tasks?owner=${t.a.userId}`);
    expect(mine.json.items.map((x: { title: string }) => x.title)).toEqual(["Later"]);
  });

  test("workspace isolation: another workspace neither sees nor changes a task", async () => {
    const task = await t.call("POST", "/api/v1/tasks", { body: { title: "Mine", dueAt: inHours(1) } });
    expect((await t.call("GET", `/api/v1/tasks/${task.json.id}`, { token: t.b.token })).status).toBe(404);
    expect((await t.call("POST", `/api/v1/tasks/${task.json.id}/complete`, { token: t.b.token })).status).toBe(404);
    expect((await t.call("GET", "/api/v1/tasks?owner=all", { token: t.b.token })).json.items).toEqual([]);
    expect(
      (await t.call("POST", "/api/v1/tasks", { token: t.b.token, body: { title: "x", dueAt: inHours(1), ownerId: t.a.userId } }))
        .status,
    ).toBe(400);
  });

  test("viewers read but cannot write", async () => {
    const task = await t.call("POST", "/api/v1/tasks", { body: { title: "Mine", dueAt: inHours(1) } });
    expect((await t.call("GET", "/api/v1/tasks?owner=all", { token: t.aViewer.token })).json.items).toHaveLength(1);
    for (const [method, path, body] of [
      ["POST", "/api/v1/tasks", { title: "x", dueAt: inHours(1) }],
      ["POST", `/api/v1/tasks/${task.json.id}/complete`, undefined],
      ["POST", `/api/v1/tasks/${task.json.id}/snooze`, { until: inHours(3) }],
      ["PATCH", `/api/v1/tasks/${task.json.id}`, { title: "y" }],
    ] as const) {
      const r = await t.call(method, path, { token: t.aViewer.token, body });
      expect(r.status).toBe(403);
      expect(r.json.error.code).toBe("forbidden");
    }
  });

  test.each([
    ["missing title", "POST", "/api/v1/tasks", { dueAt: "2030-01-01T00:00:00Z" }, 400],
    ["bad due date", "POST", "/api/v1/tasks", { title: "x", dueAt: "tomorrow" }, 400],
    [
      "handoff is made by the system only",
      "POST",
      "/api/v1/tasks",
      { title: "x", dueAt: "2030-01-01T00:00:00Z", kind: "handoff" },
      400,
    ],
    ["unknown field", "POST", "/api/v1/tasks", { title: "x", dueAt: "2030-01-01T00:00:00Z", nope: 1 }, 400],
    [
      "unknown contact",
      "POST",
      "/api/v1/tasks",
      { title: "x", dueAt: "2030-01-01T00:00:00Z", contactId: "ct_000000000000000000000" },
      404,
    ],
    ["bad status filter", "GET", "/api/v1/tasks?status=later", undefined, 400],
    ["bad id", "GET", "/api/v1/tasks/NOT-AN-ID", undefined, 400],
    ["empty patch", "PATCH", "/api/v1/tasks/tk_000000000000000000000", {}, 400],
  ])("%s → %i", async (_name, method, path, body, status) => {
    const r = await t.call(method, path, { body });
    expect(r.status).toBe(status);
    expect(r.json.error.code).toBeTypeOf("string");
  });

  test("snoozing into the past is refused, and done tasks cannot be snoozed", async () => {
    const task = await t.call("POST", "/api/v1/tasks", { body: { title: "x", dueAt: inHours(1) } });
    expect((await t.call("POST", `/api/v1/tasks/${task.json.id}/snooze`, { body: { until: inHours(-1) } })).status).toBe(400);
    await t.call("POST", `/api/v1/tasks/${task.json.id}/complete`);
    expect((await t.call("POST", `/api/v1/tasks/${task.json.id}/snooze`, { body: { until: inHours(5) } })).status).toBe(409);
  });
});

describe("tasks of a sequence", () => {
  test("completing a sequence's task step through /tasks moves the enrollment on to its next step", async () => {
    const f = await createSequenceFixture();
    try {
      const s = await f.sequence({
        name: "S",
        steps: [
          { kind: "task", config: { taskKind: "call", title: "Call first" } },
          { kind: "email", delayAmount: 1, delayUnit: "hours", config: { subject: "After our call", bodyHtml: "<p>Thanks</p>" } },
        ],
      });
      const c = await f.contact({ email: "c@acme.com" });
      const id = (await f.enroll({ sequenceId: s.id, contactIds: [c.id] })).json.items[0].id;
      const list = await f.call("GET", "/api/v1/tasks");
      expect(list.json.items).toMatchObject([{ kind: "call", title: "Call first", enrollmentId: id }]);
      const done = await f.call("POST", `/api/v1/tasks/${list.json.items[0].id}/complete`);
      expect(done.json.status).toBe("done");
      expect((await f.call("GET", `/api/v1/enrollments/${id}`)).json.stepsDone).toBe(1);
      expect((await f.dispatcher().runOnce(Date.now() + 2 * 3_600_000)).sent).toBe(1);
    } finally {
      f.close();
    }
  });
});
