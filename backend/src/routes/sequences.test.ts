import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { sendJobs, sequences } from "../db/schema";
import { allDayWindow, createSequenceFixture } from "../testing/sequence-fixture";

let f: Awaited<ReturnType<typeof createSequenceFixture>>;
beforeEach(async () => {
  f = await createSequenceFixture();
});
afterEach(() => f.close());

const email = (subject: string, extra: Record<string, unknown> = {}) => ({
  kind: "email",
  config: { subject, bodyHtml: `<p>${subject}</p>` },
  ...extra,
});
const count = async () => (await f.db.select({ id: sequences.id }).from(sequences)).length;

describe("sequence settings through the API", () => {
  test("every rule the engine reads can be set and comes back: stop rules, hand-off, UTM, clock, caps", async () => {
    const settings = {
      window: { start: "08:30", end: "17:00", days: [1, 2, 3, 4, 5] },
      clock: "sequence",
      utm: { enabled: true, campaign: "spring-fair" },
      mailboxDailyCap: 40,
      minSpacingSeconds: 90,
      jitterSeconds: 30,
      stopRules: { stopCompanyOnReply: true, stopOnLinkClick: true, stopOnStageChange: true, autoReplyResumeBusinessDays: 2 },
      handoff: {
        humanOpensAtLeast: 2,
        buyingSignalUrls: ["https://shop.example/pricing"],
        actions: { createTask: true, pauseEnrollment: false, flagHot: true },
      },
    };
    const r = await f.call("POST", "/api/v1/sequences", { body: { name: "All rules", settings } });
    expect(r.status).toBe(201);
    const got = (await f.call("GET", `/api/v1/sequences/${r.json.id}`)).json;
    expect(got.settings).toMatchObject(settings);
    // Defaults fill what was not given.
    expect(got.settings.utm).toEqual({ enabled: true, source: "threadline", medium: "email", campaign: "spring-fair" });
    expect(got.settings.stopRules).toMatchObject({ autoReplyDefaultPauseDays: 5, softBounceLimit: 3 });
    expect(got.settings.handoff).toMatchObject({ onReply: true, onBuyingSignalClick: true, taskDueHours: 4 });
    expect(got.status).toBe("active");
  });

  test.each([
    ["a window with no hours", { settings: { window: { start: "09:00", end: "09:00" } } }, "settings.window.end"],
    ["a window with no days", { settings: { window: { days: [] } } }, "settings.window.days"],
    ["a wait of -1", { steps: [email("Hi", { delayAmount: -1 })] }, "steps.0.delayAmount"],
    [
      "a split that does not add up to 100",
      {
        steps: [
          {
            kind: "email",
            config: {
              subject: "Hi",
              bodyHtml: "<p>Hi</p>",
              variants: [
                { id: "a", subject: "A", weight: 60 },
                { id: "b", subject: "B", weight: 30 },
              ],
            },
          },
        ],
      },
      "steps.0.config.variants",
    ],
    ["an email step without a body", { steps: [{ kind: "email", config: { subject: "Hi" } }] }, "steps.0.config.bodyHtml"],
    ["a task without a title", { steps: [{ kind: "task", config: { title: " " } }] }, "steps.0.config.title"],
    ["an unknown stop rule", { settings: { stopRules: { stopOnFullMoon: true } } }, "settings.stopRules"],
    [
      "a bad buying-signal link",
      { settings: { handoff: { buyingSignalUrls: ["not a link"] } } },
      "settings.handoff.buyingSignalUrls.0",
    ],
  ])("refuses %s with the field named, nothing saved", async (_name, body, field) => {
    const before = await count();
    const r = await f.call("POST", "/api/v1/sequences", { body: { name: "Bad", ...body } });
    expect(r.status).toBe(400);
    expect(r.json.error.details.fields.map((x: { path: string }) => x.path)).toContain(field);
    expect(r.json.error.message).toContain(field);
    expect(await count()).toBe(before);
  });

  test("a stored row with odd settings is read, never a 500: bad values fall back to defaults one by one", async () => {
    const s = await f.sequence({ name: "Old", steps: [email("Hi")] });
    await f.db
      .update(sequences)
      .set({ settings: { window: { start: "nine" }, trackOpens: false, somethingOld: 1, handoff: { humanOpensAtLeast: 2 } } })
      .where(eq(sequences.id, s.id));
    const r = await f.call("GET", `/api/v1/sequences/${s.id}`);
    expect(r.status).toBe(200);
    expect(r.json.settings.window).toEqual({ start: "09:00", end: "17:00", days: [1, 2, 3, 4, 5] });
    expect(r.json.settings.trackOpens).toBe(false);
    expect(r.json.settings.handoff.humanOpensAtLeast).toBe(2);
    expect(r.json.settings).not.toHaveProperty("somethingOld");
    expect((await f.call("GET", "/api/v1/sequences")).status).toBe(200);
  });
});

describe("status: draft → active ⇄ paused → archived", () => {
  test("a draft cannot be enrolled into; activate needs a step; pause holds sends; activate releases them", async () => {
    const c = await f.contact({ email: "li@bright.cn", firstName: "Li" });
    const empty = await f.call("POST", "/api/v1/sequences", { body: { name: "Empty", status: "draft" } });
    const act = await f.call("POST", `/api/v1/sequences/${empty.json.id}/activate`);
    expect([act.status, act.json.error.details.fields[0].path]).toEqual([400, "steps"]);

    const s = await f.sequence({ name: "Draft", status: "draft", steps: [email("Hi {{first_name}}")] });
    const refused = await f.enroll({ sequenceId: s.id, contactIds: [c.id] });
    expect([refused.status, refused.json.error.message]).toEqual([400, expect.stringContaining("draft")]);
    expect((await f.call("POST", `/api/v1/sequences/${s.id}/activate`)).json.status).toBe("active");
    expect((await f.enroll({ sequenceId: s.id, contactIds: [c.id] })).status).toBe(201);

    expect((await f.call("POST", `/api/v1/sequences/${s.id}/pause`)).json.status).toBe("paused");
    const held = await f.dispatcher().runOnce();
    expect(held.sent).toBe(0);
    expect(await f.outbox()).toHaveLength(0);
    const job = (await f.db.select().from(sendJobs))[0]!;
    expect([job.status, job.lastError]).toEqual(["queued", "held: sequence paused"]);

    await f.call("POST", `/api/v1/sequences/${s.id}/activate`);
    expect((await f.dispatcher().runOnce()).sent).toBe(1);
    expect((await f.outbox())[0]!.parsed.subject).toBe("Hi Li");

    const archived = await f.call("POST", `/api/v1/sequences/${s.id}/archive`);
    expect([archived.json.status, archived.json.archived]).toEqual(["archived", true]);
    const c2 = await f.contact({ email: "wang@bright.cn", firstName: "Wang" });
    expect((await f.enroll({ sequenceId: s.id, contactIds: [c2.id] })).status).toBe(400);
    // Pausing is only for an active sequence.
    expect((await f.call("POST", `/api/v1/sequences/${s.id}/pause`)).status).toBe(400);
  });
});

describe("full save (PUT) and its preview", () => {
  async function running() {
    const s = await f.sequence({
      name: "Two steps",
      steps: [email("First"), email("Second", { delayAmount: 3 })],
    });
    const contacts = [await f.contact({ email: "a@one.example" }), await f.contact({ email: "b@two.example" })];
    expect((await f.enroll({ sequenceId: s.id, contactIds: contacts.map((c) => c.id) })).status).toBe(201);
    const full = (await f.call("GET", `/api/v1/sequences/${s.id}`)).json;
    return {
      s: full,
      body: { name: full.name, settings: full.settings, steps: full.steps.map(({ position: _p, ...st }: any) => st) },
    };
  }
  const snapshot = async () => JSON.stringify(await f.db.select().from(sendJobs).orderBy(sendJobs.id));

  test("preview counts what the save would do and changes nothing; the save then does exactly that", async () => {
    const { s, body } = await running();
    const before = await snapshot();

    const retime = { ...body, steps: [{ ...body.steps[0], delayAmount: 2 }, body.steps[1]] };
    const p1 = await f.call("POST", `/api/v1/sequences/${s.id}/edit-preview`, { body: retime });
    expect(p1.status).toBe(200);
    expect(p1.json).toMatchObject({ inFlight: 2, retimed: 2, cancelled: 0, steps: { added: 0, deleted: 0, changed: 1 } });
    expect(p1.json.lines[0]).toBe("2 queued sends are re-timed to the new wait or window.");

    const drop = { ...body, steps: [body.steps[1]] };
    const p2 = await f.call("POST", `/api/v1/sequences/${s.id}/edit-preview`, { body: drop });
    expect(p2.json).toMatchObject({ inFlight: 2, cancelled: 2, steps: { deleted: 1 } });

    const insert = { ...body, steps: [email("New first"), ...body.steps] };
    const p3 = await f.call("POST", `/api/v1/sequences/${s.id}/edit-preview`, { body: insert });
    expect(p3.json).toMatchObject({ inFlight: 2, movedToOtherStep: 2, steps: { added: 1 } });
    expect(await snapshot()).toBe(before);
    expect((await f.call("GET", `/api/v1/sequences/${s.id}`)).json.steps).toHaveLength(2);

    const saved = await f.call("PUT", `/api/v1/sequences/${s.id}`, { body: drop });
    expect(saved.status).toBe(200);
    expect(saved.json.steps.map((x: any) => x.config.subject)).toEqual(["Second"]);
    const jobs = await f.db.select().from(sendJobs);
    expect(jobs.filter((j) => j.status === "cancelled")).toHaveLength(2);
    expect(jobs.filter((j) => j.status === "queued").map((j) => j.stepId)).toEqual([s.steps[1].id, s.steps[1].id]);
  });

  test("an enrollment past an inserted step skips it; reordering is a save like any other", async () => {
    const { s, body } = await running();
    await f.dispatcher().runOnce(); // both got "First"; "Second" is queued 3 business days later
    const insert = { ...body, steps: [body.steps[0], email("Between"), body.steps[1]] };
    const p = await f.call("POST", `/api/v1/sequences/${s.id}/edit-preview`, { body: insert });
    expect(p.json).toMatchObject({ inFlight: 2, movedToOtherStep: 2, skipInserted: 0 });
    const before = [email("Zero"), ...body.steps];
    const p2 = await f.call("POST", `/api/v1/sequences/${s.id}/edit-preview`, { body: { ...body, steps: before } });
    expect(p2.json).toMatchObject({ inFlight: 2, skipInserted: 2, unchanged: 0 });
    expect(p2.json.lines).toContain("2 enrollments are already past an inserted step and will skip it.");
  });

  test("PUT refuses a step id of another sequence, naming it; nothing saved", async () => {
    const { s, body } = await running();
    const other = await f.sequence({ name: "Other", steps: [email("x")] });
    const r = await f.call("PUT", `/api/v1/sequences/${s.id}`, {
      body: { ...body, name: "Renamed", steps: [{ ...body.steps[0], id: other.steps[0]!.id }] },
    });
    expect([r.status, r.json.error.details.fields[0].path]).toEqual([400, "steps.0.id"]);
    expect((await f.call("GET", `/api/v1/sequences/${s.id}`)).json.name).toBe("Two steps");
  });
});

test("the list counts enrollments by state and the reply rate", async () => {
  const s = await f.sequence({ name: "Counted", steps: [email("Hi")], settings: { window: allDayWindow } });
  const cs = [await f.contact({ email: "x1@a1.example" }), await f.contact({ email: "x2@a2.example" })];
  await f.enroll({ sequenceId: s.id, contactIds: cs.map((c) => c.id) });
  const e = (await f.call("GET", `/api/v1/enrollments?sequenceId=${s.id}`)).json.items[0];
  await f.call("POST", `/api/v1/enrollments/${e.id}/stop`, { body: {} });
  const item = (await f.call("GET", "/api/v1/sequences")).json.items.find((x: any) => x.id === s.id);
  expect(item.stats).toEqual({
    enrolled: 2,
    active: 1,
    paused: 0,
    finished: 0,
    replied: 0,
    bounced: 0,
    unsubscribed: 0,
    stopped: 1,
    replyRate: 0,
  });
});
