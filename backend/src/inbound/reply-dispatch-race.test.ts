// The race with dispatch: once a reply is recorded, no further step of that enrollment is sent. The real
// dispatcher (outbox transport) and the real inbound engine interleave through the dispatcher's hooks.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, test } from "vitest";
import { newId } from "../db/new-id";
import { enrollments, mailboxes, sendJobs } from "../db/schema";
import { createSequenceFixture } from "../testing/sequence-fixture";
import { applyInbound } from "./apply-inbound";

let f: Awaited<ReturnType<typeof createSequenceFixture>>;
beforeEach(async () => {
  f = await createSequenceFixture();
});
afterEach(() => f.close());
const HOUR = 3_600_000;

async function setup() {
  const s = await f.sequence({
    name: "Race",
    steps: [
      { kind: "email", config: { subject: "Hello", bodyHtml: "<p>one</p>" } },
      { kind: "email", delayAmount: 1, delayUnit: "hours", config: { bodyHtml: "<p>two</p>" } },
      { kind: "email", delayAmount: 1, delayUnit: "hours", config: { bodyHtml: "<p>three</p>" } },
    ],
  });
  const c = await f.contact({ email: "hans@example-tools.de" });
  const enrollmentId = (await f.enroll({ sequenceId: s.id, contactIds: [c.id] })).json.items[0].id as string;
  // The mailbox inbound mail arrives in (replies are matched per workspace by Message-ID).
  const mailboxId = newId("mb");
  await f.db.insert(mailboxes).values({
    id: mailboxId,
    workspaceId: f.a.workspaceId,
    userId: f.a.userId,
    kind: "outbox",
    email: "anna@threadline-demo.com",
  });
  expect((await f.dispatcher().runOnce(Date.now() + 1000)).sent).toBe(1);
  const [first] = await f.outbox();
  const reply = (n: number) =>
    `From: hans@example-tools.de\r\nTo: anna@threadline-demo.com\r\nSubject: Re: Hello\r\nMessage-ID: <reply-${n}@example-tools.de>\r\nIn-Reply-To: ${first!.messageId}\r\nReferences: ${first!.messageId}\r\n\r\nYes, call me.\r\n`;
  const recordReply = (n: number) =>
    applyInbound(f.db, { workspaceId: f.a.workspaceId, mailboxId, providerId: `r${n}`, raw: reply(n) });
  return { enrollmentId, recordReply };
}

test("a reply recorded while the next step is claimed (leased, not yet sending): that step is never sent", async () => {
  const { enrollmentId, recordReply } = await setup();
  let replied = false;
  const d = f.dispatcher({
    hooks: {
      afterClaim: async (ids) => {
        if (ids.length === 0 || replied) return;
        replied = true;
        const r = await recordReply(1);
        expect(r.decision?.kind).toBe("human_reply");
      },
    },
  });
  const stats = await d.runOnce(Date.now() + 2 * HOUR);
  expect(replied).toBe(true);
  expect(stats.sent).toBe(0);
  expect(await f.outbox()).toHaveLength(1);
  expect((await f.db.select().from(enrollments).where(eq(enrollments.id, enrollmentId)))[0]!.state).toBe("replied");
  expect((await f.db.select().from(sendJobs).where(eq(sendJobs.enrollmentId, enrollmentId))).map((j) => j.status).sort()).toEqual(
    ["cancelled", "sent"],
  );
  // Later runs send nothing either.
  expect((await f.dispatcher().runOnce(Date.now() + 100 * HOUR)).sent).toBe(0);
  expect(await f.outbox()).toHaveLength(1);
});

test("a reply recorded after the step was handed to the provider: that one goes out, nothing after it", async () => {
  const { enrollmentId, recordReply } = await setup();
  let replied = false;
  const d = f.dispatcher({
    hooks: {
      afterMarkSending: async (ids) => {
        if (ids.length === 0 || replied) return;
        replied = true;
        await recordReply(2);
      },
    },
  });
  expect((await d.runOnce(Date.now() + 2 * HOUR)).sent).toBe(1);
  expect(replied).toBe(true);
  expect(await f.outbox()).toHaveLength(2);
  const e = (await f.db.select().from(enrollments).where(eq(enrollments.id, enrollmentId)))[0]!;
  expect(e.state).toBe("replied");
  expect(
    (await f.db.select().from(sendJobs).where(eq(sendJobs.enrollmentId, enrollmentId))).filter((j) => j.status === "queued"),
  ).toEqual([]);
  expect((await f.dispatcher().runOnce(Date.now() + 100 * HOUR)).sent).toBe(0);
  expect(await f.outbox()).toHaveLength(2);
});

test("reply first, dispatch after: nothing more is sent", async () => {
  const { enrollmentId, recordReply } = await setup();
  await recordReply(3);
  expect((await f.dispatcher().runOnce(Date.now() + 100 * HOUR)).sent).toBe(0);
  expect(await f.outbox()).toHaveLength(1);
  expect((await f.db.select().from(enrollments).where(eq(enrollments.id, enrollmentId)))[0]!.state).toBe("replied");
});
