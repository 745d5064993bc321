import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { enrollments, sendJobs, suppressions, timelineEvents } from "../db/schema";
import { setEnrollmentState } from "../enrollments/set-enrollment-state";
import { IDEMPOTENCY_HEADER } from "../sending/build-message";
import { createSequenceFixture, headerLines } from "../testing/sequence-fixture";

let f: Awaited<ReturnType<typeof createSequenceFixture>>;
beforeEach(async () => {
  f = await createSequenceFixture();
});
afterEach(() => f.close());

const DAY = 86_400_000;
const twoSteps = {
  name: "Trade fair follow-up",
  steps: [
    {
      kind: "email",
      config: { subject: "Quote for {{company.name}}", bodyHtml: "<p>Hi {{first_name}},</p><p>Here is the <b>quote</b>.</p>" },
    },
    {
      kind: "email",
      delayAmount: 2,
      delayUnit: "business_days",
      config: { bodyHtml: "<p>Hi {{first_name}}, any questions?</p>" },
    },
  ],
};

async function enrolHans() {
  const c = await f.contact({ email: "hans@example-tools.de", firstName: "Hans", timeZone: "Europe/Berlin" });
  const s = await f.sequence(twoSteps);
  const r = await f.enroll({ sequenceId: s.id, contactIds: [c.id] });
  expect(r.status).toBe(201);
  return { c, s, enrollmentId: r.json.items[0].id as string };
}

describe("dispatcher with the outbox transport", () => {
  test("step 1 new thread, step 2 a threaded reply; headers, parts, no duplicates", async () => {
    const { enrollmentId } = await enrolHans();
    const d = f.dispatcher();
    const now = Date.now();
    const first = await d.runOnce(now + 1000);
    expect(first.sent).toBe(1);
    let box = await f.outbox();
    expect(box).toHaveLength(1);
    const m1 = box[0]!;
    expect(m1.parsed.subject).toBe("Quote for Example Tools");
    expect(m1.parsed.html).toContain("Hi Hans,");
    expect(m1.parsed.text).toContain("Here is the QUOTE".slice(0, 11));
    expect(m1.parsed.inReplyTo).toBeUndefined();
    expect(m1.parsed.headers.get(IDEMPOTENCY_HEADER.toLowerCase())).toBe(
      `${enrollmentId}:${m1.parsed.headers.get(IDEMPOTENCY_HEADER.toLowerCase())!.toString().split(":")[1]}`,
    );
    const lines = headerLines(m1.raw);
    const lu = lines.findIndex((l) => l.startsWith("List-Unsubscribe: "));
    expect(lines[lu]).toMatch(
      /^List-Unsubscribe: <http:\/\/127\.0\.0\.1:8787\/u\/[^>]+>, <mailto:owner@a\.example\?subject=unsubscribe>$/,
    );
    expect(lines[lu + 1]).not.toMatch(/^\s/); // not folded
    expect(lines).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(m1.parsed.html).toContain("unsubscribe here");

    let e = (await f.call("GET", `/api/v1/enrollments/${enrollmentId}`)).json;
    expect(e.stepsDone).toBe(1);
    expect(e.stepCount).toBe(2);
    expect(Date.parse(e.nextRunAt)).toBeGreaterThan(now + DAY);

    // Nothing due yet: a second run sends nothing.
    expect((await d.runOnce(now + 2000)).sent).toBe(0);
    const second = await d.runOnce(now + 5 * DAY);
    expect(second.sent).toBe(1);
    box = await f.outbox();
    expect(box).toHaveLength(2);
    const m2 = box.find((m) => m.messageId !== m1.messageId)!;
    expect(m2.parsed.subject).toBe("Re: Quote for Example Tools");
    expect(m2.parsed.inReplyTo).toBe(m1.messageId);
    expect([m2.parsed.references].flat()).toEqual([m1.messageId]);
    expect(m2.parsed.text).toContain("any questions?");

    e = (await f.call("GET", `/api/v1/enrollments/${enrollmentId}`)).json;
    expect(e.state).toBe("finished");
    expect(e.stepsDone).toBe(2);
    expect((await d.runOnce(now + 30 * DAY)).sent).toBe(0);
    expect(await f.outbox()).toHaveLength(2);
  });

  test("race: a stop recorded between claim and send wins — nothing is sent", async () => {
    const { enrollmentId } = await enrolHans();
    const d = f.dispatcher({
      hooks: {
        afterClaim: async () => {
          await setEnrollmentState(f.db, {
            workspaceId: f.a.workspaceId,
            enrollmentId,
            state: "replied",
            reason: "reply",
            actor: "system:inbound",
          });
        },
      },
    });
    const s = await d.runOnce(Date.now() + 1000);
    expect(s.claimed).toBe(1);
    expect(s.sent).toBe(0);
    expect(await f.outbox()).toHaveLength(0);
    const jobs = await f.db.select().from(sendJobs).where(eq(sendJobs.enrollmentId, enrollmentId));
    expect(jobs.map((j) => j.status)).toEqual(["cancelled"]);
  });

  test("race: an unsubscribe (suppression) recorded between claim and send wins", async () => {
    const { enrollmentId, c } = await enrolHans();
    const d = f.dispatcher({
      hooks: {
        afterClaim: async () => {
          await f.db.insert(suppressions).values({
            id: "sp_x1",
            workspaceId: f.a.workspaceId,
            kind: "domain",
            value: "example-tools.de",
            reason: "unsubscribe",
          });
        },
      },
    });
    const s = await d.runOnce(Date.now() + 1000);
    expect(s.sent).toBe(0);
    expect(await f.outbox()).toHaveLength(0);
    const e = (await f.db.select().from(enrollments).where(eq(enrollments.id, enrollmentId)))[0]!;
    expect(e.state).toBe("unsubscribed");
    expect(c.email).toBe("hans@example-tools.de");
  });

  test("one-click unsubscribe: POST suppresses and stops, idempotent, multipart too; GET and forged tokens change nothing", async () => {
    const { enrollmentId, c } = await enrolHans();
    const d = f.dispatcher();
    await d.runOnce(Date.now() + 1000);
    const [m] = await f.outbox();
    const url = /<(http[^>]+)>/.exec(
      (m!.parsed.headers.get("list-unsubscribe") as unknown as string) ??
        headerLines(m!.raw).find((l) => l.startsWith("List-Unsubscribe:"))!,
    )![1]!;
    const path = new URL(url).pathname;

    const get = await f.app.request(path);
    expect(get.status).toBe(200);
    expect(await get.text()).toContain('<form method="post"');
    expect(await f.db.select().from(suppressions)).toHaveLength(0);

    const forged = await f.app.request(path.slice(0, -2) + "xx", {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(forged.status).toBe(404);
    expect(await f.db.select().from(suppressions)).toHaveLength(0);

    const post = await f.app.request(path, {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(post.status).toBe(200);
    expect(post.headers.get("location")).toBeNull();
    const sup = await f.db.select().from(suppressions);
    expect(sup.map((s) => [s.kind, s.value, s.reason])).toEqual([["address", c.email, "unsubscribe"]]);
    const e = (await f.db.select().from(enrollments).where(eq(enrollments.id, enrollmentId)))[0]!;
    expect(e.state).toBe("unsubscribed");
    const jobs = await f.db.select().from(sendJobs).where(eq(sendJobs.enrollmentId, enrollmentId));
    expect(jobs.map((j) => j.status).sort()).toEqual(["cancelled", "sent"]);

    const form = new FormData();
    form.set("List-Unsubscribe", "One-Click");
    const again = await f.app.request(path, { method: "POST", body: form });
    expect(again.status).toBe(200);
    expect(await f.db.select().from(suppressions)).toHaveLength(1);
    const events = await f.db.select().from(timelineEvents).where(eq(timelineEvents.type, "unsubscribe"));
    expect(events).toHaveLength(1);
    expect((await d.runOnce(Date.now() + 10 * DAY)).sent).toBe(0);
  });

  test("one-click unsubscribe needs List-Unsubscribe=One-Click: an empty POST, another value or JSON changes nothing", async () => {
    await enrolHans();
    await f.dispatcher().runOnce(Date.now() + 1000);
    const [m] = await f.outbox();
    const path = new URL(/<(http[^>]+\/u\/[^>]+)>/.exec(headerLines(m!.raw).join("\n"))![1]!).pathname;
    const form = "application/x-www-form-urlencoded";
    for (const [body, type, status] of [
      ["", form, 400],
      ["List-Unsubscribe=Maybe", form, 400],
      ["unsubscribe=1", form, 400],
      [undefined, undefined, 415],
      ['{"List-Unsubscribe":"One-Click"}', "application/json", 415],
      ["List-Unsubscribe=One-Click", "text/plain", 415],
    ] as const) {
      const r = await f.app.request(path, { method: "POST", body, headers: type ? { "content-type": type } : {} });
      expect([body, r.status]).toEqual([body, status]);
      expect(await r.text()).toContain("Nothing was changed");
    }
    expect(await f.db.select().from(suppressions)).toHaveLength(0);
    // The page is a page with its own strict CSP: its inline style by hash, never framed.
    const page = await f.app.request(path);
    expect(page.headers.get("content-security-policy")).toMatch(
      /^default-src 'none'; style-src 'sha256-[^']+'; form-action 'self'; frame-ancestors 'none'/,
    );
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
  });

  test("crash recovery: a job left `sending` whose message exists is reconciled, not resent", async () => {
    const { enrollmentId } = await enrolHans();
    const now = Date.now() + 1000;
    // Process 1 sends, then "dies" before recording it: simulate by sending and resetting the job to sending.
    const d1 = f.dispatcher({ owner: "p1" });
    await d1.runOnce(now);
    const job = (await f.db.select().from(sendJobs).where(eq(sendJobs.enrollmentId, enrollmentId)))[0]!;
    await f.db
      .update(sendJobs)
      .set({ status: "sending", leaseOwner: "p1", leaseExpiresAt: now + 10 })
      .where(eq(sendJobs.id, job.id));
    await f.db.update(enrollments).set({ stepsDone: 0, lastStepId: null }).where(eq(enrollments.id, enrollmentId));
    const d2 = f.dispatcher({ owner: "p2" });
    const s = await d2.runOnce(now + 60_000);
    expect(s.reconciled).toBe(1);
    expect(await f.outbox()).toHaveLength(1);
    const after = (await f.db.select().from(sendJobs).where(eq(sendJobs.id, job.id)))[0]!;
    expect(after.status).toBe("sent");
  });

  test("a job left `sending` with no message anywhere is sent exactly once after its lease expires", async () => {
    const { enrollmentId } = await enrolHans();
    const now = Date.now() + 1000;
    const d1 = f.dispatcher({
      owner: "p1",
      hooks: {
        afterMarkSending: () => {
          throw new Error("killed");
        },
      },
    });
    await expect(d1.runOnce(now)).rejects.toThrow("killed");
    const job = (await f.db.select().from(sendJobs).where(eq(sendJobs.enrollmentId, enrollmentId)))[0]!;
    expect(job.status).toBe("sending");
    const d2 = f.dispatcher({ owner: "p2" });
    expect((await d2.runOnce(now + 1000)).sent).toBe(0); // lease still held by p1
    const s = await d2.runOnce(now + 10 * 60_000);
    expect(s.sent).toBe(1);
    expect(s.reconciled).toBe(0);
    expect(await f.outbox()).toHaveLength(1);
  });

  test("mailbox daily cap: overflow moves to the next day's window", async () => {
    const s = await f.sequence({ name: "Cap", steps: [twoSteps.steps[0]] });
    const mb = await f.call("POST", "/api/v1/mailboxes", { body: { kind: "outbox", email: "owner@a.example" } });
    await f.db.update((await import("../db/schema")).mailboxes).set({ dailyCap: 1 });
    const a = await f.contact({ email: "a@example-tools.de", firstName: "A" });
    const b = await f.contact({ email: "b@example-tools.de", firstName: "B" });
    expect((await f.enroll({ sequenceId: s.id, contactIds: [a.id, b.id], mailboxId: mb.json.id })).status).toBe(201);
    const now = Date.now() + 1000;
    const r = await f.dispatcher().runOnce(now);
    expect(r.sent).toBe(1);
    expect(r.deferred).toBe(1);
    const queued = (await f.db.select().from(sendJobs).where(eq(sendJobs.status, "queued")))[0]!;
    expect(queued.runAt).toBeGreaterThan(now);
    expect(queued.runAt - now).toBeLessThanOrEqual(DAY + 60_000);
    expect(queued.lastError).toMatch(/mailbox daily cap/);
  });
});

describe("mailbox pause and spacing (PATCH /mailboxes/{id})", () => {
  test("a paused mailbox sends nothing; resumed, it sends; its own spacing defers the second send", async () => {
    const s = await f.sequence({ name: "Pause", steps: [twoSteps.steps[0]] });
    const mb = await f.call("POST", "/api/v1/mailboxes", { body: { kind: "outbox", email: "owner@a.example" } });
    const paused = await f.call("PATCH", `/api/v1/mailboxes/${mb.json.id}`, { body: { paused: true, minSpacingSeconds: 600 } });
    expect(paused.json).toMatchObject({ paused: true, minSpacingSeconds: 600, active: true });
    const a = await f.contact({ email: "a@example-tools.de", firstName: "A" });
    const b = await f.contact({ email: "b@example-tools.de", firstName: "B" });
    expect((await f.enroll({ sequenceId: s.id, contactIds: [a.id, b.id], mailboxId: mb.json.id })).status).toBe(201);
    const now = Date.now() + 1000;
    const held = await f.dispatcher().runOnce(now);
    expect([held.sent, held.deferred]).toEqual([0, 2]);
    expect((await f.db.select().from(sendJobs).where(eq(sendJobs.status, "queued")))[0]!.lastError).toMatch(/mailbox paused/);

    await f.call("PATCH", `/api/v1/mailboxes/${mb.json.id}`, { body: { paused: false } });
    const later = now + 10 * 60_000;
    const resumed = await f.dispatcher().runOnce(later);
    expect([resumed.sent, resumed.deferred]).toEqual([1, 1]);
    const queued = (await f.db.select().from(sendJobs).where(eq(sendJobs.status, "queued")))[0]!;
    expect(queued.lastError).toMatch(/mailbox spacing/);
    expect(queued.runAt).toBeGreaterThanOrEqual(later + 600_000);
  });
});

describe("threads and variants", () => {
  test("enrolled from a thread: the first email is a real reply in that thread", async () => {
    const c = await f.contact({ email: "li@bright.cn", firstName: "Li" });
    const s = await f.sequence({
      name: "From thread",
      steps: [{ kind: "email", config: { bodyHtml: "<p>Following up, {{first_name}}</p>" } }],
    });
    const r = await f.enroll({
      sequenceId: s.id,
      contactIds: [c.id],
      thread: { messageId: "<orig-123@bright.cn>", subject: "Samples from the fair", gmailThreadId: "18c0ffee" },
    });
    expect(r.status).toBe(201);
    expect((await f.dispatcher().runOnce(Date.now() + 1000)).sent).toBe(1);
    const [m] = await f.outbox();
    expect(m!.parsed.subject).toBe("Re: Samples from the fair");
    expect(m!.parsed.inReplyTo).toBe("<orig-123@bright.cn>");
  });

  test("A/B variants: each enrollment gets one variant, recorded on its send job", async () => {
    const s = await f.sequence({
      name: "AB",
      steps: [
        {
          kind: "email",
          config: {
            variants: [
              { id: "a", subject: "Variant A", bodyHtml: "<p>A</p>", weight: 50 },
              { id: "b", subject: "Variant B", bodyHtml: "<p>B</p>", weight: 50 },
            ],
          },
        },
      ],
    });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await f.contact({ email: `p${i}@acme${i}.com` })).id);
    expect((await f.enroll({ sequenceId: s.id, contactIds: ids })).status).toBe(201);
    expect((await f.dispatcher().runOnce(Date.now() + 1000)).sent).toBe(12);
    const jobs = await f.db.select().from(sendJobs);
    const box = await f.outbox();
    for (const j of jobs) {
      const m = box.find((b) => b.sendJobId === j.id)!;
      expect(m.parsed.subject).toBe(j.variant === "a" ? "Variant A" : "Variant B");
    }
    expect(new Set(jobs.map((j) => j.variant))).toEqual(new Set(["a", "b"]));
  });

  test("minimum spacing per mailbox defers the second send", async () => {
    const s = await f.sequence({
      name: "Spaced",
      settings: {
        window: { start: "00:00", end: "24:00", days: [1, 2, 3, 4, 5, 6, 7] },
        minSpacingSeconds: 120,
        jitterSeconds: 30,
      },
      steps: [twoSteps.steps[0]],
    });
    const a = await f.contact({ email: "a@example-tools.de", firstName: "A" });
    const b = await f.contact({ email: "b@example-tools.de", firstName: "B" });
    await f.enroll({ sequenceId: s.id, contactIds: [a.id, b.id] });
    const now = Date.now() + 1000;
    const r = await f.dispatcher({ random: () => 0.5 }).runOnce(now);
    expect(r.sent).toBe(1);
    expect(r.deferred).toBe(1);
    const queued = (await f.db.select().from(sendJobs).where(eq(sendJobs.status, "queued")))[0]!;
    expect(queued.runAt).toBe(now + 120_000 + 15_000);
  });
});

test("a disconnected mailbox fails the send without sending and pauses the enrollment", async () => {
  const c = await f.contact({ email: "a@example-tools.de", firstName: "A" });
  const s = await f.sequence({ name: "S", steps: [twoSteps.steps[0]] });
  const mb = await f.call("POST", "/api/v1/mailboxes", { body: { kind: "outbox", email: "owner@a.example" } });
  const id = (await f.enroll({ sequenceId: s.id, contactIds: [c.id], mailboxId: mb.json.id })).json.items[0].id;
  expect((await f.call("DELETE", `/api/v1/mailboxes/${mb.json.id}`)).status).toBe(200);
  const r = await f.dispatcher().runOnce(Date.now() + 1000);
  expect(r.sent).toBe(0);
  expect(r.failed).toBe(1);
  expect(await f.outbox()).toHaveLength(0);
  const e = (await f.call("GET", `/api/v1/enrollments/${id}`)).json;
  expect(e.state).toBe("paused");
  expect(e.stateReason).toMatch(/disconnected/);
});

test("after reconnecting the mailbox, resume sends the step that failed before sending", async () => {
  const c = await f.contact({ email: "a@example-tools.de", firstName: "A" });
  const s = await f.sequence({ name: "S", steps: [twoSteps.steps[0]] });
  const mb = await f.call("POST", "/api/v1/mailboxes", { body: { kind: "outbox", email: "owner@a.example" } });
  const id = (await f.enroll({ sequenceId: s.id, contactIds: [c.id], mailboxId: mb.json.id })).json.items[0].id;
  await f.call("DELETE", `/api/v1/mailboxes/${mb.json.id}`);
  await f.dispatcher().runOnce(Date.now() + 1000);
  await f.call("POST", "/api/v1/mailboxes", { body: { kind: "outbox", email: "owner@a.example" } });
  expect((await f.call("POST", `/api/v1/enrollments/${id}/resume`)).json.state).toBe("active");
  expect((await f.dispatcher().runOnce(Date.now() + 2000)).sent).toBe(1);
  expect(await f.outbox()).toHaveLength(1);
});

test("tracking plugs in at prepareHtml: links rewritten and a pixel in the HTML, the text part keeps the real link", async () => {
  const c = await f.contact({ email: "a@example-tools.de", firstName: "A" });
  const s = await f.sequence({
    name: "Tracked",
    steps: [
      {
        kind: "email",
        config: { subject: "Catalogue", bodyHtml: '<p>See <a href="https://example.com/catalogue">our catalogue</a></p>' },
      },
    ],
  });
  await f.enroll({ sequenceId: s.id, contactIds: [c.id] });
  expect((await f.dispatcher().runOnce(Date.now() + 1000)).sent).toBe(1);
  const [m] = await f.outbox();
  expect(m!.parsed.html).not.toContain('href="https://example.com/catalogue"');
  expect(m!.parsed.html).toContain("http://127.0.0.1:8787/");
  expect(m!.parsed.text).toContain("https://example.com/catalogue");
  const links = await f.client.execute("SELECT url, send_job_id FROM tracked_links");
  expect(links.rows.map((r) => [r.url, r.send_job_id])).toEqual([["https://example.com/catalogue", m!.sendJobId]]);
});
