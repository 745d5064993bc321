import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { cardSchema } from "@threadline/shared/schemas";
import { newId } from "../db/new-id";
import {
  enrollments,
  sequences,
  sequenceSteps,
  sendJobs,
  suppressions,
  tasks,
  timelineEvents,
  trackingEvents,
  users,
} from "../db/schema";
import { createTestApp, type TestApp } from "../testing/test-app";
import { eq } from "drizzle-orm";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const card = async (query: string, token?: string) => {
  const r = await t.call("GET", `/api/v1/card?${query}`, token ? { token } : {});
  if (r.status === 200) cardSchema.parse(r.json);
  return r;
};

async function enroll(
  contactId: string,
  opts: { ownerId: string; state?: "active" | "paused" | "finished"; stepsDone?: number; runAt?: number },
) {
  const ws = t.a.workspaceId;
  const sequenceId = newId("sq");
  await t.db.insert(sequences).values({ id: sequenceId, workspaceId: ws, name: "Canton Fair follow-up", ownerId: opts.ownerId });
  const stepIds: string[] = [];
  for (let p = 0; p < 4; p++) {
    const id = newId("st");
    stepIds.push(id);
    await t.db
      .insert(sequenceSteps)
      .values({ id, workspaceId: ws, sequenceId, position: p, kind: "email", deletedAt: p === 3 ? 1 : null });
  }
  const enrollmentId = newId("en");
  await t.db.insert(enrollments).values({
    id: enrollmentId,
    workspaceId: ws,
    contactId,
    sequenceId,
    ownerId: opts.ownerId,
    state: opts.state ?? "active",
    stateChangedAt: Date.now(),
    stepsDone: opts.stepsDone ?? 1,
    nextRunAt: Date.UTC(2030, 0, 1),
  });
  if (opts.runAt) {
    await t.db.insert(sendJobs).values({
      id: newId("sj"),
      workspaceId: ws,
      enrollmentId,
      stepId: stepIds[1]!,
      idempotencyKey: `${enrollmentId}:${stepIds[1]}`,
      status: "queued",
      runAt: opts.runAt,
    });
  }
  return enrollmentId;
}

describe("GET /api/v1/card", () => {
  test("known contact: contact, company, newest 20 events, enrollment, open tasks, local time", async () => {
    const li = await t.call("POST", "/api/v1/contacts", {
      body: { email: "li.wei@shenzhen-bright.cn", firstName: "Wei", lastName: "Li", country: "CN", timeZone: "Asia/Shanghai" },
    });
    const id = li.json.id;
    for (let i = 0; i < 25; i++) {
      await t.db.insert(timelineEvents).values({
        id: newId("ev"),
        workspaceId: t.a.workspaceId,
        contactId: id,
        type: "open",
        actor: "system:tracking",
        occurredAt: Date.now() + (i + 1) * 60_000,
        payload: { i },
      });
    }
    await t.db.update(users).set({ timeZone: "Europe/Berlin" }).where(eq(users.id, t.a.userId));
    // 2026-03-02 01:00 UTC = 09:00 in Shanghai = 02:00 in Berlin.
    await enroll(id, { ownerId: t.a.userId, runAt: Date.UTC(2026, 2, 2, 1, 0) });
    await t.db.insert(tasks).values([
      {
        id: newId("tk"),
        workspaceId: t.a.workspaceId,
        contactId: id,
        kind: "call",
        title: "Call about samples",
        dueAt: Date.UTC(2026, 2, 3),
      },
      {
        id: newId("tk"),
        workspaceId: t.a.workspaceId,
        contactId: id,
        kind: "call",
        title: "Done already",
        dueAt: 1,
        status: "done",
      },
    ]);

    const r = await card("email=Li.Wei@Shenzhen-Bright.cn&name=Li%20Wei");
    expect(r.status).toBe(200);
    const c = r.json;
    expect(c.email).toBe("li.wei@shenzhen-bright.cn");
    expect(c.contact).toMatchObject({ id, firstName: "Wei" });
    expect(c.suggested).toBeNull();
    expect(c.company).toMatchObject({ domain: "shenzhen-bright.cn", name: "Shenzhen Bright" });
    expect(c.timeline).toHaveLength(20);
    expect(c.timeline[0].payload).toEqual({ i: 24 });
    expect(c.timeline.map((e: { occurredAt: string }) => e.occurredAt)).toEqual(
      [...c.timeline.map((e: { occurredAt: string }) => e.occurredAt)].sort().reverse(),
    );
    expect(c.enrollments).toEqual([
      expect.objectContaining({
        sequenceName: "Canton Fair follow-up",
        state: "active",
        stepNumber: 2,
        stepCount: 3,
        nextSendAt: "2026-03-02T01:00:00.000Z",
        nextSendRepLocal: "2026-03-02T02:00:00+01:00",
        nextSendContactLocal: "2026-03-02T09:00:00+08:00",
      }),
    ]);
    expect(c.tasks.map((x: { title: string }) => x.title)).toEqual(["Call about samples"]);
    expect(c.localTime).toMatchObject({ zone: "Asia/Shanghai", guessed: false, offsetMinutes: 480 });
    expect(c.warnings).toEqual([]);
  });

  test("opens and clicks carry their stored label and reason; human and machine counted apart", async () => {
    const li = await t.call("POST", "/api/v1/contacts", { body: { email: "li.wei@shenzhen-bright.cn" } });
    const base = { workspaceId: t.a.workspaceId, sendJobId: "tm_1", contactId: li.json.id as string };
    const apple = "Opened through Apple Mail Privacy Protection (Apple egress address): Apple loads images at delivery.";
    await t.db.insert(trackingEvents).values([
      { ...base, id: newId("te"), kind: "open", label: "apple_proxy", reason: apple, occurredAt: 1_000 },
      {
        ...base,
        id: newId("te"),
        kind: "open",
        label: "human",
        reason: "Opened in a mail client by a person.",
        occurredAt: 2_000,
      },
      { ...base, id: newId("te"), kind: "open", label: "duplicate", reason: "again", occurredAt: 3_000 },
      { ...base, id: newId("te"), kind: "open", label: "scanner", reason: "HEAD", occurredAt: 4_000 },
      { ...base, id: newId("te"), kind: "click", label: "human", reason: "Clicked", occurredAt: 5_000 },
      { ...base, id: newId("te"), kind: "click", label: "scanner", reason: "Safe Links", occurredAt: 6_000 },
      // Another contact's open is not counted here.
      { ...base, contactId: "ct_other", id: newId("te"), kind: "open", label: "human", reason: "x", occurredAt: 7_000 },
    ]);
    const c = (await card("email=li.wei@shenzhen-bright.cn")).json;
    expect(c.engagement).toEqual({ humanOpens: 1, machineOpens: 2, repeatOpens: 1, humanClicks: 1, machineClicks: 1 });
    const appleOpen = c.timeline.find((e: { payload: { label?: string } }) => e.payload.label === "apple_proxy");
    expect(appleOpen).toMatchObject({ type: "open", payload: { label: "apple_proxy", reason: apple, counted: false } });
  });

  test("unknown address: null contact, a suggestion, company from the domain, guessed local time", async () => {
    await t.call("POST", "/api/v1/contacts", { body: { email: "zhang.fang@shenzhen-bright.cn", country: "CN" } });
    const r = await card("email=chen.min@shenzhen-bright.cn&name=Chen%20Min");
    expect(r.json.contact).toBeNull();
    expect(r.json.suggested).toEqual({
      email: "chen.min@shenzhen-bright.cn",
      displayName: "Chen Min",
      firstName: "Chen",
      lastName: "Min",
      companyDomain: "shenzhen-bright.cn",
      companyName: "Shenzhen Bright",
    });
    expect(r.json.company.domain).toBe("shenzhen-bright.cn");
    expect(r.json.localTime).toMatchObject({ zone: "Asia/Shanghai", guessed: true });
    expect(r.json.timeline).toEqual([]);
    expect(r.json.enrollments).toEqual([]);

    const free = await card("email=someone@gmail.com");
    expect(free.json.suggested).toMatchObject({ companyDomain: null, companyName: null });
    expect(free.json.company).toBeNull();
    expect(free.json.localTime).toBeNull();
  });

  test("look-alike warning for a sender imitating a known company; none for the company itself", async () => {
    await t.call("POST", "/api/v1/contacts", { body: { email: "li.wei@shenzhen-bright.cn" } });
    const fake = await card("email=li.wei@shenzhen-brlght.cn&name=Li%20Wei");
    expect(fake.json.warnings).toEqual([
      expect.objectContaining({
        code: "lookalike_domain",
        details: { of: "shenzhen-bright.cn", reasons: ['"l" looks like "i"'] },
      }),
    ]);
    expect((await card("email=li.wei@shenzhen-bright.cn")).json.warnings).toEqual([]);
    expect((await card("email=someone@example.org")).json.warnings).toEqual([]);
    // A company created after the first card call is known at once (no reload needed).
    await t.call("POST", "/api/v1/contacts", { body: { email: "buyer@rheinmetall-parts.de" } });
    expect((await card("email=x@rheinmetal-parts.de")).json.warnings.map((w: { code: string }) => w.code)).toEqual([
      "lookalike_domain",
    ]);
    // Workspace B knows neither company.
    expect((await card("email=li.wei@shenzhen-brlght.cn", t.b.token)).json.warnings).toEqual([]);
  });

  test("teammate warning: another user owns contacts or active enrollments at the company", async () => {
    const other = await t.call("POST", "/api/v1/contacts", {
      token: t.aRep.token,
      body: { email: "h.schmidt@rheinmetall-parts.de", ownerId: t.aRep.userId },
    });
    const mine = await t.call("POST", "/api/v1/contacts", {
      body: { email: "l.weber@rheinmetall-parts.de", ownerId: t.a.userId },
    });
    await enroll(mine.json.id, { ownerId: t.aRep.userId });
    const r = await card("email=l.weber@rheinmetall-parts.de");
    expect(r.json.warnings).toEqual([
      expect.objectContaining({
        code: "teammate_owns_account",
        details: { owners: [{ id: t.aRep.userId, name: "rep user", ownsCompany: false, contacts: 1, activeEnrollments: 1 }] },
      }),
    ]);
    // The rep sees no warning about themselves, but sees the owner's contact.
    const asRep = await card("email=h.schmidt@rheinmetall-parts.de", t.aRep.token);
    expect(asRep.json.warnings).toEqual([expect.objectContaining({ code: "teammate_owns_account" })]);
    expect(asRep.json.warnings[0].details.owners.map((o: { id: string }) => o.id)).toEqual([t.a.userId]);
    expect(other.status).toBe(201);
    // The company's owner counts too.
    const viewerOwned = await t.call("POST", "/api/v1/contacts", { body: { email: "x@busan-ship.kr" } });
    await t.client.execute({
      sql: "UPDATE companies SET owner_id = ? WHERE id = ?",
      args: [t.aViewer.userId, viewerOwned.json.companyId],
    });
    expect((await card("email=y@busan-ship.kr")).json.warnings[0].details.owners).toEqual([
      { id: t.aViewer.userId, name: "viewer user", ownsCompany: true, contacts: 0, activeEnrollments: 0 },
    ]);
    // A new sender at the same company also warns.
    expect((await card("email=new.buyer@rheinmetall-parts.de")).json.warnings.map((w: { code: string }) => w.code)).toEqual([
      "teammate_owns_account",
    ]);
  });

  test.each([
    ["address", "x@acme-tools.de", "unsubscribe", "unsubscribed"],
    ["domain", "acme-tools.de", "unsubscribe", "unsubscribed"],
    ["address", "x@acme-tools.de", "hard_bounce", "bounced"],
    ["address", "x@acme-tools.de", "complaint", "suppressed"],
    ["domain", "acme-tools.de", "manual", "suppressed"],
  ] as const)("suppression %s %s (%s) → %s warning", async (kind, value, reason, code) => {
    await t.db.insert(suppressions).values({ id: newId("sp"), workspaceId: t.a.workspaceId, kind, value, reason });
    const r = await card("email=x@acme-tools.de");
    expect(r.json.warnings.map((w: { code: string }) => w.code)).toEqual([code]);
    // Suppressions are per workspace.
    expect((await card("email=x@acme-tools.de", t.b.token)).json.warnings).toEqual([]);
  });

  test("erased address (stored hashed) and invalid email status", async () => {
    const c = await t.call("POST", "/api/v1/contacts", { body: { email: "gone@acme-tools.de" } });
    const { createHash } = await import("node:crypto");
    await t.db.insert(suppressions).values({
      id: newId("sp"),
      workspaceId: t.a.workspaceId,
      kind: "address_hash",
      value: createHash("sha256").update("gone@acme-tools.de").digest("hex"),
      reason: "erasure",
    });
    await t.client.execute({ sql: "UPDATE contacts SET email_status = 'invalid' WHERE id = ?", args: [c.json.id] });
    const r = await card("email=gone@acme-tools.de");
    expect(r.json.warnings.map((w: { code: string }) => w.code).sort()).toEqual(["email_invalid", "suppressed"]);
  });

  test.each([
    ["", "email"],
    ["email=not-an-email", "email"],
    ["email=a@b.com&name=" + "x".repeat(201), "name"],
    ["email=a@b.com&extra=1", "extra"],
  ])("400 for ?%s", async (query, field) => {
    const r = await card(query);
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain(field);
  });

  test("401 without token", async () => {
    expect((await t.call("GET", "/api/v1/card?email=a@b.com", { token: null })).status).toBe(401);
  });
});
