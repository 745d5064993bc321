// Against a real IMAP server (dovecot on 127.0.0.1): messages appended with imapflow are ingested,
// the cursor survives a restart, and a message arriving while the loop IDLEs is picked up.
import { eq } from "drizzle-orm";
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, expect, test, vi } from "vitest";
import { enrollments, inboundMessages, mailboxes } from "../db/schema";
import { seedOutreach } from "../testing/seed-outreach";
import { startDovecot, type Dovecot } from "../testing/start-dovecot";
import { createTestApp, type TestApp } from "../testing/test-app";
import { createImapClient, IMAP_MAX_IDLE_MS } from "./create-imap-client";
import { startInboundLoops } from "./run-inbound-loops";
import { loadSyncCursor } from "./sync-cursor";
import { syncImap } from "./sync-imap";

let dovecot: Dovecot;
let t: TestApp;
beforeAll(async () => {
  dovecot = await startDovecot();
});
afterAll(async () => {
  await dovecot?.stop();
});
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const client = () =>
  createImapClient({ host: dovecot.host, port: dovecot.port, secure: false, user: dovecot.user, pass: dovecot.pass });
const reply = (messageId: string, n: number) =>
  `From: Hans <hans@example-tools.de>\r\nTo: anna@threadline-demo.com\r\nSubject: Re: Hello\r\nDate: Tue, 4 Mar 2025 11:00:00 +0000\r\nMessage-ID: <imap-${n}-${Math.random()}@example-tools.de>\r\nIn-Reply-To: ${messageId}\r\n\r\nYes, interested (${n}).\r\n`;

async function clearInbox() {
  const c = client();
  await c.connect();
  await c.mailboxOpen("INBOX");
  if ((c.mailbox && c.mailbox.exists) || 0) await c.messageDelete("1:*");
  await c.logout();
}

test("IDLE is re-issued before 29 minutes", () => {
  expect(IMAP_MAX_IDLE_MS).toBeLessThan(29 * 60_000);
  expect(
    createImapClient({ host: "127.0.0.1", port: 1, secure: false, user: "u", pass: "p", maxIdleMs: 60 * 60_000 }).maxIdleTime,
  ).toBeLessThan(29 * 60_000);
});

test("sync ingests appended messages once and resumes from the stored UID after a restart", async () => {
  await clearInbox();
  const s = await seedOutreach(t.db, {
    workspaceId: t.a.workspaceId,
    userId: t.a.userId,
    emails: ["hans@example-tools.de", "k.vogel@example-tools.de"],
    mailboxKind: "smtp",
  });
  const [hans, klaus] = s.people;
  const c = client();
  await c.connect();
  await c.append("INBOX", reply(hans!.messageId, 1));
  await c.append(
    "INBOX",
    readFileSync(new URL("./fixtures/bounce-postfix-dsn-hard.eml", import.meta.url), "utf8").replace(
      "<seq-step1.a1b2c3@threadline-demo.com>",
      klaus!.messageId,
    ),
  );
  const ref = { id: s.mailboxId, workspaceId: t.a.workspaceId };
  expect(await syncImap(t.db, c, ref)).toEqual({ processed: 2, fullSync: true });
  await c.logout();
  expect((await t.db.select().from(enrollments).where(eq(enrollments.id, hans!.enrollmentId)))[0]!.state).toBe("replied");
  expect((await t.db.select().from(enrollments).where(eq(enrollments.id, klaus!.enrollmentId)))[0]!.state).toBe("bounced");
  const cursor = await loadSyncCursor(t.db, s.mailboxId);
  expect(cursor.imapLastUid).toBeGreaterThanOrEqual(2);

  // "Restart": a new connection continues after the stored UID; nothing is processed twice.
  const c2 = client();
  await c2.connect();
  expect(await syncImap(t.db, c2, ref)).toEqual({ processed: 0, fullSync: false });
  await c2.append("INBOX", reply(hans!.messageId, 2));
  expect(await syncImap(t.db, c2, ref)).toEqual({ processed: 1, fullSync: false });
  await c2.logout();
  expect(await t.db.select().from(inboundMessages).where(eq(inboundMessages.mailboxId, s.mailboxId))).toHaveLength(3);
});

test("the running loop picks up a message that arrives while it IDLEs", async () => {
  await clearInbox();
  const s = await seedOutreach(t.db, {
    workspaceId: t.a.workspaceId,
    userId: t.a.userId,
    emails: ["hans@example-tools.de"],
    mailboxKind: "smtp",
  });
  const p = s.people[0]!;
  const mailbox = (await t.db.select().from(mailboxes).where(eq(mailboxes.id, s.mailboxId)))[0]!;
  const loops = startInboundLoops({
    db: t.db,
    // A poll far longer than any test: only IDLE's EXISTS notification can wake the loop.
    pollMs: 24 * 3_600_000,
    clients: {
      imap: (m) => (expect(m.id).toBe(mailbox.id), client()),
      gmail: () => {
        throw new Error("no gmail here");
      },
      graph: () => {
        throw new Error("no graph here");
      },
    },
    log: () => {},
  });
  try {
    expect(await loops.nextPass(s.mailboxId)).toEqual({ processed: 0, fullSync: true });
    const appended = loops.nextPass(s.mailboxId);
    const other = client();
    await other.connect();
    await other.append("INBOX", reply(p.messageId, 3));
    await other.logout();
    expect(await appended).toEqual({ processed: 1, fullSync: false });
    await vi.waitFor(async () =>
      expect((await t.db.select().from(enrollments).where(eq(enrollments.id, p.enrollmentId)))[0]!.state).toBe("replied"),
    );
  } finally {
    await loops.stop();
  }
});
