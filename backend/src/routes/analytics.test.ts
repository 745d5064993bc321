import { beforeEach, afterEach, describe, expect, test } from "vitest";
import type { TrackingLabel } from "@threadline/shared/domain/label-tracking-event";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { trackingEvents } from "../db/schema";
import { seedSends } from "../testing/seed-sends";
import { createTestApp, type TestApp } from "../testing/test-app";

const H = 3_600_000;
const D1 = Date.parse("2026-03-02T10:00:00Z"); // a Monday
const D2 = D1 + 24 * H;
const D3 = D1 + 48 * H;
const range = "from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

async function track(db: Db, workspaceId: string, sendJobId: string, kind: "open" | "click", label: TrackingLabel, at: number) {
  await db
    .insert(trackingEvents)
    .values({ id: newId("te"), workspaceId, sendJobId, kind, label, reason: "seeded", occurredAt: at });
}

/** The scenario every summary number below is derived from (comments give the expected effect). */
async function seedScenario() {
  const ws = t.a.workspaceId;
  const s = seedSends(t.db, ws);
  const repId = t.aRep.userId;
  const t1 = await s.template({ name: "Intro email" });
  const t2 = await s.template({ name: "Bump" });
  const intro = await s.sequence({ name: "Intro", ownerId: t.a.userId, steps: [{ templateId: t1 }, { templateId: t2 }] });
  const follow = await s.sequence({ name: "Follow", ownerId: repId, steps: [{}] });
  const berlin = await s.contact({ email: "anna@berlin.example", timeZone: "Europe/Berlin" });
  const us = await s.contact({ email: "bob@us.example", country: "US" }); // zone guessed: America/New_York
  const unknown = await s.contact({ email: "cy@nowhere.example" }); // UTC fallback
  const berlin2 = await s.contact({ email: "dora@berlin.example", timeZone: "Europe/Berlin" });
  const [step0, step1] = intro.stepIds as [string, string];

  // e1: variant A, human open, replied 4 h after sending (enrollment state).
  const e1 = await s.enrollment({
    contactId: berlin,
    sequenceId: intro.id,
    createdAt: D1 - H,
    state: "replied",
    stateChangedAt: D1 + 4 * H,
  });
  const e1s0 = await s.send({ enrollmentId: e1, stepId: step0, sentAt: D1, variant: "A" });
  await track(t.db, ws, e1s0, "open", "human", D1 + 2 * H);
  // e2: variant B opened by Apple's proxy only; step 2 clicked by a person and replied 5 h later (timeline event).
  const e2 = await s.enrollment({ contactId: us, sequenceId: intro.id, createdAt: D1 - H });
  const e2s0 = await s.send({ enrollmentId: e2, stepId: step0, sentAt: D1, variant: "B" });
  await track(t.db, ws, e2s0, "open", "apple_proxy", D1 + 1000);
  const e2s1 = await s.send({ enrollmentId: e2, stepId: step1, sentAt: D3 });
  await track(t.db, ws, e2s1, "click", "human", D3 + H);
  await track(t.db, ws, e2s1, "click", "scanner", D3 + 2000);
  await s.timeline({ contactId: us, type: "reply", occurredAt: D3 + 5 * H, payload: { enrollmentId: e2 } });
  // e3: variant A, hard bounce.
  const e3 = await s.enrollment({
    contactId: unknown,
    sequenceId: intro.id,
    createdAt: D1 - H,
    state: "bounced",
    stateChangedAt: D1 + 300_000,
  });
  await s.send({ enrollmentId: e3, stepId: step0, sentAt: D1, variant: "A" });
  // e4: variant B, one human open (+ a duplicate), then unsubscribed.
  const e4 = await s.enrollment({ contactId: berlin2, sequenceId: intro.id, createdAt: D1 - H });
  const e4s0 = await s.send({ enrollmentId: e4, stepId: step0, sentAt: D1, variant: "B" });
  await track(t.db, ws, e4s0, "open", "human", D1 + H);
  await track(t.db, ws, e4s0, "open", "duplicate", D1 + H + 60_000);
  await s.timeline({ contactId: berlin2, type: "unsubscribe", occurredAt: D2 - H });
  // Follow: e5 owned by the rep, opened only by Gmail's proxy; e6 enrolled, nothing sent yet.
  const e5 = await s.enrollment({ contactId: berlin, sequenceId: follow.id, ownerId: repId, createdAt: D2 - H });
  const e5s0 = await s.send({ enrollmentId: e5, stepId: follow.stepIds[0]!, sentAt: D2 });
  await track(t.db, ws, e5s0, "open", "google_proxy", D2 + H);
  await s.enrollment({ contactId: us, sequenceId: follow.id, ownerId: repId, createdAt: D2 });
  // Outside the range: sent in February (not in the cohort, even though it is replied in range).
  const old = await s.contact({ email: "old@x.example" });
  const e7 = await s.enrollment({
    contactId: old,
    sequenceId: intro.id,
    createdAt: D1 - 40 * 24 * H,
    state: "replied",
    stateChangedAt: D1,
  });
  await s.send({ enrollmentId: e7, stepId: step0, sentAt: D1 - 30 * 24 * H, variant: "A" });
  // Another workspace with a replied send in the same range: must never show up for A.
  const b = seedSends(t.db, t.b.workspaceId);
  const bc = await b.contact({ email: "x@b.example" });
  const bseq = await b.sequence({ name: "B seq", steps: [{}] });
  const be = await b.enrollment({ contactId: bc, sequenceId: bseq.id, createdAt: D1, state: "replied", stateChangedAt: D1 + H });
  const bs = await b.send({ enrollmentId: be, stepId: bseq.stepIds[0]!, sentAt: D1 });
  await track(t.db, t.b.workspaceId, bs, "open", "human", D1 + 1000 * 60);
  return { intro, follow, step0, step1, t1, t2, repId };
}

const zero = { openedHuman: 0, openedMachine: 0, clickedHuman: 0, replied: 0, bounced: 0, unsubscribed: 0 };

describe("analytics summary", () => {
  test("per sequence: counts, machine opens apart, reply rate and median time to reply", async () => {
    const { intro, follow } = await seedScenario();
    const res = await t.call("GET", `/api/v1/analytics/summary?${range}`);
    expect(res.status).toBe(200);
    const byKey = Object.fromEntries(res.json.rows.map((r: { key: string }) => [r.key, r]));
    expect(byKey[intro.id]).toEqual({
      key: intro.id,
      label: "Intro",
      enrolled: 4,
      sent: 5,
      delivered: 4,
      openedHuman: 2,
      openedMachine: 1,
      clickedHuman: 1,
      replied: 2,
      bounced: 1,
      unsubscribed: 1,
      replyRate: 0.5,
      medianTimeToReplyMs: 4.5 * H,
    });
    expect(byKey[follow.id]).toEqual({
      key: follow.id,
      label: "Follow",
      enrolled: 2,
      sent: 1,
      delivered: 1,
      ...zero,
      openedMachine: 1,
      replyRate: 0,
      medianTimeToReplyMs: null,
    });
    expect(res.json.total).toMatchObject({ enrolled: 6, sent: 6, delivered: 5, replied: 2, openedHuman: 2, openedMachine: 2 });
    expect(res.json.definitions.replyRate).toBe("replied / delivered.");
  });

  test("per step, variant, template and owner", async () => {
    const { step0, step1, t1, t2, repId } = await seedScenario();
    const get = async (groupBy: string) => {
      const res = await t.call("GET", `/api/v1/analytics/summary?${range}&groupBy=${groupBy}`);
      expect(res.status).toBe(200);
      return Object.fromEntries(res.json.rows.map((r: { key: string }) => [r.key, r]));
    };
    const steps = await get("step");
    expect(steps[step0]).toMatchObject({
      label: "Intro · step 1",
      enrolled: 4,
      sent: 4,
      delivered: 3,
      replied: 1,
      openedHuman: 2,
      unsubscribed: 1,
    });
    expect(steps[step1]).toMatchObject({
      label: "Intro · step 2",
      enrolled: 1,
      sent: 1,
      replied: 1,
      clickedHuman: 1,
      medianTimeToReplyMs: 5 * H,
    });

    const variants = await get("variant");
    expect(variants[`${step0}:A`]).toMatchObject({
      label: "Intro · step 1 · variant A",
      sent: 2,
      bounced: 1,
      delivered: 1,
      replied: 1,
      replyRate: 1,
    });
    expect(variants[`${step0}:B`]).toMatchObject({
      sent: 2,
      delivered: 2,
      replied: 0,
      replyRate: 0,
      openedHuman: 1,
      openedMachine: 1,
    });
    expect(variants[`${step1}:`]).toMatchObject({ label: "Intro · step 2 · no variant", sent: 1 });

    const tpl = await get("template");
    expect(tpl[t1]).toMatchObject({ label: "Intro email", sent: 4 });
    expect(tpl[t2]).toMatchObject({ label: "Bump", sent: 1, replied: 1 });
    expect(tpl[""]).toMatchObject({ label: "(inline content, no template)", sent: 1 });

    const owners = await get("owner");
    expect(owners[t.a.userId]).toMatchObject({ label: "Owner A", enrolled: 4, sent: 5, replied: 2 });
    expect(owners[repId]).toMatchObject({ label: "rep user", enrolled: 2, sent: 1, replied: 0 });
  });

  test("filtered to one sequence; another workspace sees none of it", async () => {
    const { follow } = await seedScenario();
    const one = await t.call("GET", `/api/v1/analytics/summary?${range}&sequenceId=${follow.id}`);
    expect(one.json.rows.map((r: { key: string }) => r.key)).toEqual([follow.id]);
    const b = await t.call("GET", `/api/v1/analytics/summary?${range}`, { token: t.b.token });
    expect(b.status).toBe(200);
    expect(b.json.total).toMatchObject({ sent: 1, replied: 1, openedHuman: 1 });
    const bOnA = await t.call("GET", `/api/v1/analytics/summary?${range}&sequenceId=${follow.id}`, { token: t.b.token });
    expect(bOnA.json.total.sent).toBe(0);
    expect(bOnA.json.rows).toEqual([]);
  });

  test.each([
    ["missing range", ""],
    ["from after to", "from=2026-04-01T00:00:00Z&to=2026-03-01T00:00:00Z"],
    ["not a date", "from=yesterday&to=2026-03-01T00:00:00Z"],
    ["range too long", "from=2020-01-01T00:00:00Z&to=2026-03-01T00:00:00Z"],
    ["unknown groupBy", `${range}&groupBy=colour`],
    ["unknown parameter", `${range}&limit=5`],
    ["bad sequence id", `${range}&sequenceId=DROP TABLE`],
  ])("%s → 400 naming the problem", async (_name, qs) => {
    const res = await t.call("GET", `/api/v1/analytics/summary?${qs}`);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("bad_request");
    expect(res.json.error.message).toMatch(/Invalid query/);
  });

  test("a viewer may read analytics", async () => {
    await seedScenario();
    const res = await t.call("GET", `/api/v1/analytics/summary?${range}`, { token: t.aViewer.token });
    expect(res.status).toBe(200);
    expect(res.json.total.sent).toBe(6);
  });

  test("needs a token", async () => {
    const res = await t.call("GET", `/api/v1/analytics/summary?${range}`, { token: null });
    expect(res.status).toBe(401);
  });
});

describe("analytics heatmap", () => {
  test("replies and human opens by the recipient's local weekday × hour (contact zone, guess, UTC)", async () => {
    await seedScenario();
    const res = await t.call("GET", `/api/v1/analytics/heatmap?${range}`);
    expect(res.status).toBe(200);
    const cells = (grid: number[][]) =>
      grid
        .flatMap((row, d) => row.map((n, h) => [d, h, n] as const))
        .filter(([, , n]) => n > 0)
        .map(([d, h, n]) => `${res.json.weekdays[d]} ${h}h ×${n}`);
    // e1 replied Mon 14:00Z = 15:00 Berlin; e2 replied Wed 15:00Z = 10:00 New York (guessed from US, EST).
    expect(cells(res.json.replies)).toEqual(["Mon 15h ×1", "Wed 10h ×1"]);
    // Human opens: e4 at 11:00Z (12:00 Berlin), e1 at 12:00Z (13:00 Berlin); proxy and duplicate opens left out.
    expect(cells(res.json.humanOpens)).toEqual(["Mon 12h ×1", "Mon 13h ×1"]);
    expect(res.json.zones).toEqual({ contact: 2, guessedFromCountry: 1, utcFallback: 1 });
    expect(res.json.replies).toHaveLength(7);
    expect(res.json.replies[0]).toHaveLength(24);
  });
});

describe("analytics A/B tests", () => {
  test("too little data: the comparison says so and is not significant", async () => {
    const { step0 } = await seedScenario();
    const res = await t.call("GET", `/api/v1/analytics/ab-tests?${range}`);
    expect(res.status).toBe(200);
    expect(res.json.test).toMatch(/two-proportion z-test/i);
    expect(res.json.steps).toHaveLength(1);
    expect(res.json.steps[0]).toMatchObject({
      stepId: step0,
      variants: [
        { variant: "A", delivered: 1, replied: 1, replyRate: 1 },
        { variant: "B", delivered: 2, replied: 0, replyRate: 0 },
      ],
      comparisons: [{ control: "A", challenger: "B", significant: false, verdict: expect.stringMatching(/Not enough data/) }],
    });
  });

  test("a clear winner is significant (z-test), a small difference is not", async () => {
    const s = seedSends(t.db, t.a.workspaceId);
    const seq = await s.sequence({ name: "AB", steps: [{}, {}] });
    // Step 1: A 10/100 vs B 30/100 replies → z ≈ 3.54, p ≈ 0.0004. Step 2: A 20/100 vs B 22/100 → p ≈ 0.73.
    const plan: [string, string, number, number][] = [
      [seq.stepIds[0]!, "A", 100, 10],
      [seq.stepIds[0]!, "B", 100, 30],
      [seq.stepIds[1]!, "A", 100, 20],
      [seq.stepIds[1]!, "B", 100, 22],
    ];
    let n = 0;
    for (const [stepId, variant, count, replies] of plan) {
      for (let i = 0; i < count; i++) {
        const contactId = await s.contact({ email: `p${n++}@ab.example` });
        const replied = i < replies;
        const e = await s.enrollment({
          contactId,
          sequenceId: seq.id,
          createdAt: D1 - H,
          state: replied ? "replied" : "active",
          stateChangedAt: replied ? D1 + 2 * H : D1 - H,
        });
        await s.send({ enrollmentId: e, stepId, sentAt: D1, variant });
      }
    }
    const res = await t.call("GET", `/api/v1/analytics/ab-tests?${range}`);
    const byStep = Object.fromEntries(res.json.steps.map((st: { stepId: string }) => [st.stepId, st]));
    const clear = byStep[seq.stepIds[0]!].comparisons[0];
    expect(clear).toMatchObject({ control: "A", challenger: "B", significant: true });
    expect(clear.z).toBeCloseTo(3.536, 2);
    expect(clear.pValue).toBeLessThan(0.001);
    expect(clear.verdict).toMatch(/Variant B beats A \(30\.0 % vs 10\.0 %/);
    const close = byStep[seq.stepIds[1]!].comparisons[0];
    expect(close.significant).toBe(false);
    expect(close.pValue).toBeGreaterThan(0.5);
    expect(close.verdict).toMatch(/No significant difference/);
  });
});
