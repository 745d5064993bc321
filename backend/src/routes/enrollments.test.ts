import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { sendJobs, tasks } from "../db/schema";
import { addUser } from "../testing/add-user";
import { createSequenceFixture } from "../testing/sequence-fixture";

let f: Awaited<ReturnType<typeof createSequenceFixture>>;
beforeEach(async () => {
  f = await createSequenceFixture();
});
afterEach(() => f.close());
const DAY = 86_400_000;

describe("enrollments API", () => {
  test("enroll refuses, naming every missing variable, suppressed and duplicate contacts — and writes nothing", async () => {
    const s = await f.sequence({
      name: "S",
      steps: [{ kind: "email", config: { subject: "Hi {{first_name}}", bodyHtml: "<p>{{title}} at {{company.name}}</p>" } }],
    });
    const noName = await f.contact({ email: "x@gmail.com" });
    const r = await f.enroll({ sequenceId: s.id, contactIds: [noName.id] });
    expect(r.status).toBe(400);
    expect(r.json.error.details.problems[0].missing.sort()).toEqual(["company.name", "first_name", "title"]);
    expect(r.json.error.message).toContain("first_name");

    const ok = await f.contact({ email: "li@bright.cn", firstName: "Li", title: "Buyer" });
    expect((await f.call("POST", "/api/v1/suppressions", { body: { kind: "domain", value: "bright.cn" } })).status).toBe(201);
    const sup = await f.enroll({ sequenceId: s.id, contactIds: [ok.id] });
    expect(sup.status).toBe(400);
    expect(sup.json.error.details.problems[0].code).toBe("suppressed");
    const list = await f.call("GET", "/api/v1/suppressions");
    await f.call("DELETE", `/api/v1/suppressions/${list.json.items[0].id}`);

    expect((await f.enroll({ sequenceId: s.id, contactIds: [ok.id] })).status).toBe(201);
    const dup = await f.enroll({ sequenceId: s.id, emails: ["LI@bright.cn"] });
    expect(dup.status).toBe(400);
    expect(dup.json.error.details.problems[0].code).toBe("already_enrolled");
    const all = await f.call("GET", `/api/v1/enrollments?sequenceId=${s.id}`);
    expect(all.json.items).toHaveLength(1);
    // Other workspace sees nothing.
    expect((await f.call("GET", `/api/v1/enrollments?sequenceId=${s.id}`, { token: f.b.token })).json.items).toHaveLength(0);
    expect((await f.call("GET", `/api/v1/sequences/${s.id}`, { token: f.b.token })).status).toBe(404);
  });

  test("warns when a teammate runs a sequence at the same company; override enrols", async () => {
    const mate = await addUser(f.db, { workspaceId: f.a.workspaceId, email: "mate@a.example", name: "Mate", role: "rep" });
    const s = await f.sequence({ name: "S", steps: [{ kind: "email", config: { subject: "Hi", bodyHtml: "<p>Hi</p>" } }] });
    const c1 = await f.contact({ email: "one@acme-tools.com" });
    const c2 = await f.contact({ email: "two@acme-tools.com" });
    expect(
      (await f.call("POST", "/api/v1/enrollments", { token: mate.token, body: { sequenceId: s.id, contactIds: [c1.id] } }))
        .status,
    ).toBe(201);
    const warn = await f.enroll({ sequenceId: s.id, contactIds: [c2.id] });
    expect(warn.status).toBe(409);
    expect(warn.json.error.details.warnings[0].ownerId).toBe(mate.userId);
    expect((await f.enroll({ sequenceId: s.id, contactIds: [c2.id], override: true })).status).toBe(201);
  });

  test("viewer cannot enroll or edit; bad input is a 400, not a 500", async () => {
    const viewer = await addUser(f.db, { workspaceId: f.a.workspaceId, email: "v@a.example", name: "V", role: "viewer" });
    const s = await f.sequence({ name: "S", steps: [{ kind: "email", config: { subject: "Hi", bodyHtml: "<p>Hi</p>" } }] });
    const c = await f.contact({ email: "c@acme.com" });
    expect(
      (await f.call("POST", "/api/v1/enrollments", { token: viewer.token, body: { sequenceId: s.id, contactIds: [c.id] } }))
        .status,
    ).toBe(403);
    expect((await f.call("POST", "/api/v1/sequences", { token: viewer.token, body: { name: "x" } })).status).toBe(403);
    const bad = await f.call("POST", "/api/v1/sequences", {
      body: { name: "x", timeZone: "Mars/Base", settings: { window: { start: "25:00" } } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/timeZone/);
    expect((await f.call("POST", "/api/v1/enrollments", { body: { sequenceId: "nope" } })).status).toBe(400);
    expect(
      (await f.call("POST", "/api/v1/suppressions", { token: viewer.token, body: { kind: "address", value: "a@b.co" } })).status,
    ).toBe(403);
  });

  test("pause cancels the queued send, resume re-queues it; stop ends it", async () => {
    const s = await f.sequence({ name: "S", steps: [{ kind: "email", config: { subject: "Hi", bodyHtml: "<p>Hi</p>" } }] });
    const c = await f.contact({ email: "c@acme.com" });
    const id = (await f.enroll({ sequenceId: s.id, contactIds: [c.id] })).json.items[0].id;
    expect((await f.call("POST", `/api/v1/enrollments/${id}/pause`, { body: {} })).json.state).toBe("paused");
    expect((await f.dispatcher().runOnce(Date.now() + 1000)).sent).toBe(0);
    const resumed = await f.call("POST", `/api/v1/enrollments/${id}/resume`);
    expect(resumed.json.state).toBe("active");
    expect((await f.db.select().from(sendJobs)).map((j) => j.status)).toEqual(["queued"]);
    expect((await f.call("POST", `/api/v1/enrollments/${id}/stop`, { body: { reason: "met at fair" } })).json.stateReason).toBe(
      "met at fair",
    );
    expect((await f.dispatcher().runOnce(Date.now() + 1000)).sent).toBe(0);
    expect((await f.call("POST", `/api/v1/enrollments/${id}/resume`)).status).toBe(409);
  });

  test("task step waits until done, then the next email goes out", async () => {
    const s = await f.sequence({
      name: "S",
      steps: [
        { kind: "task", config: { taskKind: "call", title: "Call {{first_name}}" } },
        { kind: "email", delayAmount: 1, delayUnit: "hours", config: { subject: "After our call", bodyHtml: "<p>Thanks</p>" } },
      ],
    });
    const c = await f.contact({ email: "c@acme.com" });
    const id = (await f.enroll({ sequenceId: s.id, contactIds: [c.id] })).json.items[0].id;
    const [task] = await f.db.select().from(tasks).where(eq(tasks.enrollmentId, id));
    expect(task!.kind).toBe("call");
    expect((await f.dispatcher().runOnce(Date.now() + 10 * DAY)).sent).toBe(0);
    const done = await f.call("POST", `/api/v1/enrollments/${id}/tasks/${task!.id}/complete`, { body: { status: "done" } });
    expect(done.json.stepsDone).toBe(1);
    expect((await f.dispatcher().runOnce(Date.now() + 2 * 3_600_000)).sent).toBe(1);
    const [m] = await f.outbox();
    expect(m!.parsed.subject).toBe("After our call");
  });

  test("editing steps in flight: new content for the queued step, deleted step skipped, sent step never resent", async () => {
    const s = await f.sequence({
      name: "S",
      steps: [
        { kind: "email", config: { subject: "One", bodyHtml: "<p>one</p>" } },
        { kind: "email", delayAmount: 1, delayUnit: "business_days", config: { bodyHtml: "<p>two</p>" } },
        { kind: "email", delayAmount: 1, delayUnit: "business_days", config: { bodyHtml: "<p>three</p>" } },
      ],
    });
    const c = await f.contact({ email: "c@acme.com" });
    const id = (await f.enroll({ sequenceId: s.id, contactIds: [c.id] })).json.items[0].id;
    const d = f.dispatcher();
    expect((await d.runOnce(Date.now() + 1000)).sent).toBe(1);
    // Edit step 1 (already sent) and step 2 (queued).
    await f.call("PUT", `/api/v1/sequences/${s.id}/steps/${s.steps[0]!.id}`, {
      body: { kind: "email", config: { subject: "One v2", bodyHtml: "<p>one v2</p>" } },
    });
    const upd = await f.call("PUT", `/api/v1/sequences/${s.id}/steps/${s.steps[1]!.id}`, {
      body: { kind: "email", delayAmount: 2, delayUnit: "hours", config: { bodyHtml: "<p>two v2</p>" } },
    });
    expect(upd.status).toBe(200);
    const e1 = (await f.call("GET", `/api/v1/enrollments/${id}`)).json;
    expect(Date.parse(e1.nextRunAt)).toBeLessThan(Date.now() + 3 * 3_600_000);
    expect((await d.runOnce(Date.now() + 3 * 3_600_000)).sent).toBe(1);
    // Delete step 3 while its send is queued: the enrollment finishes instead.
    expect((await f.call("DELETE", `/api/v1/sequences/${s.id}/steps/${s.steps[2]!.id}`)).status).toBe(200);
    expect((await f.call("GET", `/api/v1/enrollments/${id}`)).json.state).toBe("finished");
    expect((await d.runOnce(Date.now() + 10 * DAY)).sent).toBe(0);
    const box = await f.outbox();
    expect(box.map((m) => m.parsed.text!.trim().split("\n")[0]).sort()).toEqual(["one", "two v2"]);
    expect(box.filter((m) => m.parsed.subject?.startsWith("One"))).toHaveLength(1);
  });
});

test("the card shows step n of m and the next send in UTC, the rep's zone and the contact's zone", async () => {
  const s = await f.sequence({
    name: "Card seq",
    settings: { window: { start: "09:00", end: "17:00", days: [1, 2, 3, 4, 5] } },
    steps: [
      { kind: "email", config: { subject: "Hi", bodyHtml: "<p>Hi</p>" } },
      { kind: "email", delayAmount: 2, delayUnit: "business_days", config: { bodyHtml: "<p>again</p>" } },
    ],
  });
  const c = await f.contact({ email: "li@bright.cn", timeZone: "Asia/Shanghai" });
  await f.enroll({ sequenceId: s.id, contactIds: [c.id] });
  const card = await f.call("GET", "/api/v1/card?email=li@bright.cn");
  const e = card.json.enrollments[0];
  expect([e.stepNumber, e.stepCount, e.state]).toEqual([1, 2, "active"]);
  expect(e.nextSendContactLocal).toMatch(/\+08:00$/);
  const hour = Number(e.nextSendContactLocal.slice(11, 13));
  expect(hour).toBeGreaterThanOrEqual(9);
  expect(hour).toBeLessThan(17);
  expect(Date.parse(e.nextSendAt)).toBe(Date.parse(e.nextSendContactLocal));
});
