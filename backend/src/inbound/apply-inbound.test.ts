import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { contacts, enrollments, inboundMessages, sendJobs, suppressions, tasks, timelineEvents } from "../db/schema";
import { createTestApp, type TestApp } from "../testing/test-app";
import { seedOutreach } from "../testing/seed-outreach";
import { applyInbound } from "./apply-inbound";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const now = DateTime.fromISO("2025-03-04T12:00:00Z").toMillis();

function mail(o: { from: string; subject?: string; inReplyTo?: string; headers?: string; body: string; date?: string }) {
  return [
    `From: ${o.from}`,
    "To: anna@threadline-demo.com",
    `Subject: ${o.subject ?? "Re: Hello"}`,
    `Date: ${o.date ?? "Tue, 4 Mar 2025 11:00:00 +0000"}`,
    `Message-ID: <${Math.random().toString(36).slice(2)}@sender.example>`,
    ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`, `References: ${o.inReplyTo}`] : []),
    ...(o.headers ? [o.headers] : []),
    "Content-Type: text/plain; charset=utf-8",
    "",
    o.body,
  ].join("\r\n");
}

async function enrollment(id: string) {
  return (await t.db.select().from(enrollments).where(eq(enrollments.id, id)))[0]!;
}
async function job(id: string) {
  return (await t.db.select().from(sendJobs).where(eq(sendJobs.id, id)))[0]!;
}
async function events(contactId: string) {
  return t.db.select().from(timelineEvents).where(eq(timelineEvents.contactId, contactId));
}

describe("applyInbound", () => {
  test("a human reply stops the enrollment, cancels the queued step, hands off, and is idempotent", async () => {
    const s = await seedOutreach(t.db, {
      workspaceId: t.a.workspaceId,
      userId: t.a.userId,
      emails: ["hans@example-tools.de"],
      now,
    });
    const p = s.people[0]!;
    const raw = mail({ from: "Hans <hans@example-tools.de>", inReplyTo: p.messageId, body: "Yes, call me Thursday." });
    const input = { workspaceId: t.a.workspaceId, mailboxId: s.mailboxId, providerId: "gm-1", raw, now };
    const r = await applyInbound(t.db, input);
    expect(r).toMatchObject({ duplicate: false, match: "message_id", matchedSendJobId: p.jobId, contactId: p.contactId });
    expect(r.decision?.kind).toBe("human_reply");
    expect((await enrollment(p.enrollmentId)).state).toBe("replied");
    expect((await job(p.nextJobId)).status).toBe("cancelled");
    const evs = await events(p.contactId);
    const reply = evs.find((e) => e.type === "reply")!;
    expect(reply.payload.evidence).toEqual(
      expect.arrayContaining([`In-Reply-To: ${p.messageId}`, `matched our send ${p.jobId} by message id`]),
    );
    expect(evs.map((e) => e.type).sort()).toEqual(["handoff", "reply", "sequence_stopped"]);
    const handoff = await t.db.select().from(tasks).where(eq(tasks.contactId, p.contactId));
    expect(handoff).toMatchObject([{ kind: "handoff", ownerId: t.a.userId, status: "open" }]);
    expect((await t.db.select().from(contacts).where(eq(contacts.id, p.contactId)))[0]!.hot).toBe(true);

    const again = await applyInbound(t.db, input);
    expect(again.duplicate).toBe(true);
    expect(await events(p.contactId)).toHaveLength(3);
    expect(await t.db.select().from(inboundMessages)).toHaveLength(1);
  });

  test("a colleague replying in the same thread (thread id only) counts as the contact's reply", async () => {
    const s = await seedOutreach(t.db, {
      workspaceId: t.a.workspaceId,
      userId: t.a.userId,
      emails: ["hans@example-tools.de"],
      now,
    });
    const p = s.people[0]!;
    const raw = mail({ from: "Markus <markus@example-tools.de>", subject: "Hello", body: "I handle purchasing, let's talk." });
    const r = await applyInbound(t.db, {
      workspaceId: t.a.workspaceId,
      mailboxId: s.mailboxId,
      providerId: "gm-2",
      raw,
      threadId: p.threadId,
      now,
    });
    expect(r).toMatchObject({ match: "thread", contactId: p.contactId });
    expect(r.classification.kind).toBe("unrelated");
    expect(r.decision?.kind).toBe("human_reply");
    expect((await enrollment(p.enrollmentId)).state).toBe("replied");
  });

  test("an out-of-office pauses until the first business day after the return date and is not a reply", async () => {
    const s = await seedOutreach(t.db, {
      workspaceId: t.a.workspaceId,
      userId: t.a.userId,
      emails: ["k.vogel@example-tools.de"],
      now,
    });
    const p = s.people[0]!;
    const raw = fixture("auto-exchange-oof-de.eml").replace("<seq-de.1111@threadline-demo.com>", p.messageId);
    const r = await applyInbound(t.db, { workspaceId: t.a.workspaceId, mailboxId: s.mailboxId, providerId: "oof", raw, now });
    expect(r.decision?.kind).toBe("auto_reply");
    const e = await enrollment(p.enrollmentId);
    expect(e.state).toBe("paused");
    // Back Friday 14 March → resumes Monday 17 March, 00:00 in the contact's zone.
    expect(DateTime.fromMillis(e.pausedUntil!, { zone: "Europe/Berlin" }).toFormat("yyyy-MM-dd HH:mm")).toBe("2025-03-17 00:00");
    expect((await job(p.nextJobId)).status).toBe("cancelled");
    const evs = await events(p.contactId);
    expect(evs.map((x) => x.type).sort()).toEqual(["auto_reply", "sequence_paused"]);
    expect(await t.db.select().from(tasks)).toHaveLength(0);
    expect((await t.db.select().from(contacts).where(eq(contacts.id, p.contactId)))[0]!.hot).toBe(false);
  });

  test("a hard bounce matched by the Message-ID inside the report: bounced, suppressed, email invalid", async () => {
    const s = await seedOutreach(t.db, {
      workspaceId: t.a.workspaceId,
      userId: t.a.userId,
      emails: ["k.vogel@example-tools.de"],
      now,
    });
    const p = s.people[0]!;
    const raw = fixture("bounce-postfix-dsn-hard.eml").replace("<seq-step1.a1b2c3@threadline-demo.com>", p.messageId);
    const r = await applyInbound(t.db, { workspaceId: t.a.workspaceId, mailboxId: s.mailboxId, providerId: "b1", raw, now });
    expect(r).toMatchObject({ match: "delivery_report", contactId: p.contactId });
    expect((await enrollment(p.enrollmentId)).state).toBe("bounced");
    expect(await t.db.select().from(suppressions)).toMatchObject([
      { workspaceId: t.a.workspaceId, kind: "address", value: "k.vogel@example-tools.de", reason: "hard_bounce" },
    ]);
    expect((await t.db.select().from(contacts).where(eq(contacts.id, p.contactId)))[0]!.emailStatus).toBe("invalid");
    const bounce = (await events(p.contactId)).find((e) => e.type === "bounce")!;
    expect(bounce.payload).toMatchObject({ status: "5.1.1", inboundKind: "bounce_hard", reason: "hard bounce 5.1.1" });
  });

  test("a challenge-response pauses the enrollment and asks the owner to confirm; the address is never suppressed", async () => {
    const s = await seedOutreach(t.db, {
      workspaceId: t.a.workspaceId,
      userId: t.a.userId,
      emails: ["buyer@guarded.example"],
      now,
    });
    const p = s.people[0]!;
    const challenge = (providerId: string) => ({
      workspaceId: t.a.workspaceId,
      mailboxId: s.mailboxId,
      providerId,
      raw: mail({
        from: "Boxbe <notifications@boxbe.com>",
        subject: "Request to join my Guest List",
        inReplyTo: p.messageId,
        headers: "Auto-Submitted: auto-replied",
        body: "buyer@guarded.example uses Boxbe. Click the link below to confirm and be added to the Guest List.",
      }),
      now,
    });
    const r = await applyInbound(t.db, challenge("cr-1"));
    expect(r).toMatchObject({ match: "message_id", contactId: p.contactId, decision: { kind: "challenge_response" } });
    const e = await enrollment(p.enrollmentId);
    expect({ state: e.state, pausedUntil: e.pausedUntil }).toEqual({ state: "paused", pausedUntil: null });
    expect(e.stateReason).toContain("sender verification requested by Boxbe");
    expect((await job(p.nextJobId)).status).toBe("cancelled");
    expect(await t.db.select().from(suppressions)).toEqual([]);
    const contact = (await t.db.select().from(contacts).where(eq(contacts.id, p.contactId)))[0]!;
    expect(contact.emailStatus).not.toBe("invalid");
    const open = await t.db.select().from(tasks).where(eq(tasks.contactId, p.contactId));
    expect(open).toMatchObject([
      {
        kind: "verify_sender",
        ownerId: t.a.userId,
        status: "open",
        enrollmentId: p.enrollmentId,
        title: "Confirm our sender for buyer@guarded.example (Boxbe)",
      },
    ]);
    const evs = await events(p.contactId);
    expect(evs.map((x) => x.type).sort()).toEqual(["sender_verification", "sequence_paused", "task_created"]);
    expect(evs.find((x) => x.type === "sender_verification")!.payload).toMatchObject({
      inboundKind: "challenge_response",
      challengeService: "Boxbe",
    });

    // A second challenge (the filter reminds) adds no second task.
    await applyInbound(t.db, challenge("cr-2"));
    expect(await t.db.select().from(tasks).where(eq(tasks.contactId, p.contactId))).toHaveLength(1);
    expect((await enrollment(p.enrollmentId)).state).toBe("paused");
  });

  test("soft bounces are counted and the step retried; the third is treated as hard", async () => {
    const s = await seedOutreach(t.db, {
      workspaceId: t.a.workspaceId,
      userId: t.a.userId,
      emails: ["l.weber@langsam-server.de"],
      now,
    });
    const p = s.people[0]!;
    const raw = fixture("bounce-postfix-delayed-soft.eml").replace("<seq-delay.5151@threadline-demo.com>", p.messageId);
    for (const n of [1, 2]) {
      await t.db.update(sendJobs).set({ status: "sent" }).where(eq(sendJobs.id, p.jobId)); // the retry went out again
      await applyInbound(t.db, { workspaceId: t.a.workspaceId, mailboxId: s.mailboxId, providerId: `soft-${n}`, raw, now });
      const e = await enrollment(p.enrollmentId);
      expect({ state: e.state, softBounces: e.softBounces }).toEqual({ state: "active", softBounces: n });
      expect(await job(p.jobId)).toMatchObject({ status: "queued", runAt: now + 24 * 3_600_000, attempts: n });
    }
    await t.db.update(sendJobs).set({ status: "sent" }).where(eq(sendJobs.id, p.jobId));
    await applyInbound(t.db, { workspaceId: t.a.workspaceId, mailboxId: s.mailboxId, providerId: "soft-3", raw, now });
    const e = await enrollment(p.enrollmentId);
    expect({ state: e.state, softBounces: e.softBounces }).toEqual({ state: "bounced", softBounces: 3 });
    expect(await t.db.select().from(suppressions)).toMatchObject([{ value: "l.weber@langsam-server.de", reason: "hard_bounce" }]);
  });

  test("an unsubscribe request suppresses the sender and stops the sequence", async () => {
    const s = await seedOutreach(t.db, {
      workspaceId: t.a.workspaceId,
      userId: t.a.userId,
      emails: ["dave@miller-hvac.com"],
      now,
    });
    const p = s.people[0]!;
    const raw = fixture("unsub-en-remove-me.eml").replaceAll("<seq-unsub.0001@threadline-demo.com>", p.messageId);
    const r = await applyInbound(t.db, { workspaceId: t.a.workspaceId, mailboxId: s.mailboxId, providerId: "u1", raw, now });
    expect(r.decision?.kind).toBe("unsubscribe_request");
    expect((await enrollment(p.enrollmentId)).state).toBe("unsubscribed");
    expect(await t.db.select().from(suppressions)).toMatchObject([{ value: "dave@miller-hvac.com", reason: "unsubscribe" }]);
    expect((await events(p.contactId)).find((e) => e.type === "unsubscribe")!.payload.evidence).toContain(
      'unsubscribe wording "remove me"',
    );
  });

  test("per-sequence option: a reply stops every active enrollment at the same company domain (never a free-mail domain)", async () => {
    const s = await seedOutreach(t.db, {
      workspaceId: t.a.workspaceId,
      userId: t.a.userId,
      emails: ["hans@example-tools.de", "petra@example-tools.de", "other@elsewhere.de"],
      settings: { stopRules: { stopCompanyOnReply: true } },
      now,
    });
    const [hans, petra, other] = s.people;
    const raw = mail({ from: "hans@example-tools.de", inReplyTo: hans!.messageId, body: "Interested." });
    await applyInbound(t.db, { workspaceId: t.a.workspaceId, mailboxId: s.mailboxId, providerId: "c1", raw, now });
    expect((await enrollment(hans!.enrollmentId)).state).toBe("replied");
    expect(await enrollment(petra!.enrollmentId)).toMatchObject({
      state: "stopped",
      stateReason: "a colleague at example-tools.de replied",
    });
    expect((await enrollment(other!.enrollmentId)).state).toBe("active");

    const g = await seedOutreach(t.db, {
      workspaceId: t.a.workspaceId,
      userId: t.a.userId,
      emails: ["one@gmail.com", "two@gmail.com"],
      settings: { stopRules: { stopCompanyOnReply: true } },
      now,
    });
    await applyInbound(t.db, {
      workspaceId: t.a.workspaceId,
      mailboxId: g.mailboxId,
      providerId: "c2",
      raw: mail({ from: "one@gmail.com", inReplyTo: g.people[0]!.messageId, body: "Sure." }),
      now,
    });
    expect((await enrollment(g.people[1]!.enrollmentId)).state).toBe("active");
  });

  test("workspace isolation: a message in workspace B never matches A's sends", async () => {
    const s = await seedOutreach(t.db, {
      workspaceId: t.a.workspaceId,
      userId: t.a.userId,
      emails: ["hans@example-tools.de"],
      now,
    });
    const sb = await seedOutreach(t.db, { workspaceId: t.b.workspaceId, userId: t.b.userId, emails: ["x@b-corp.example"], now });
    const p = s.people[0]!;
    const raw = mail({ from: "hans@example-tools.de", inReplyTo: p.messageId, body: "Hi" });
    const r = await applyInbound(t.db, {
      workspaceId: t.b.workspaceId,
      mailboxId: sb.mailboxId,
      providerId: "x1",
      raw,
      threadId: p.threadId,
      now,
    });
    expect(r.match).toBeNull();
    expect((await enrollment(p.enrollmentId)).state).toBe("active");
  });

  test("a new message from a person, outside our threads, is recorded as an inquiry on the known contact's card", async () => {
    const s = await seedOutreach(t.db, {
      workspaceId: t.a.workspaceId,
      userId: t.a.userId,
      emails: ["robert@kingsupply.com.au"],
      now,
    });
    const r = await applyInbound(t.db, {
      workspaceId: t.a.workspaceId,
      mailboxId: s.mailboxId,
      providerId: "q1",
      raw: fixture("unrelated-new-inquiry.eml").replace("robert.king@kingsupply.com.au", "robert@kingsupply.com.au"),
      now,
    });
    expect(r).toMatchObject({ match: null, contactId: s.people[0]!.contactId });
    expect(r.decision?.inquiry).toBe(true);
    expect((await enrollment(s.people[0]!.enrollmentId)).state).toBe("active");
    const ev = await t.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.contactId, s.people[0]!.contactId), eq(timelineEvents.type, "email_received")));
    expect(ev).toHaveLength(1);
  });
});
