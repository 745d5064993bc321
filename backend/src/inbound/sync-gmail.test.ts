// The real googleapis client against a local fake of the Gmail endpoints (rootUrl → 127.0.0.1).
import { eq } from "drizzle-orm";
import { auth as googleAuth, gmail } from "googleapis/build/src/apis/gmail/index.js";
import { afterEach, beforeEach, expect, test } from "vitest";
import { enrollments, inboundMessages } from "../db/schema";
import { startFakeGmailInbox, type FakeGmailInbox } from "../testing/fake-gmail-inbox";
import { seedOutreach } from "../testing/seed-outreach";
import { createTestApp, type TestApp } from "../testing/test-app";
import { loadSyncCursor } from "./sync-cursor";
import { syncGmail } from "./sync-gmail";

let t: TestApp;
let fake: FakeGmailInbox;
beforeEach(async () => {
  t = await createTestApp();
  fake = await startFakeGmailInbox();
});
afterEach(async () => {
  t.close();
  await fake.close();
});

export function gmailFor(rootUrl: string) {
  const auth = new googleAuth.OAuth2();
  auth.setCredentials({ access_token: "test-access-token", expiry_date: Date.now() + 3_600_000 });
  return gmail({ version: "v1", auth, rootUrl });
}

const reply = (from: string, inReplyTo: string, body = "Sounds good, let's talk.") =>
  `From: ${from}\r\nTo: anna@threadline-demo.com\r\nSubject: Re: Hello\r\nDate: Tue, 4 Mar 2025 11:00:00 +0000\r\nMessage-ID: <g-${Math.random()}@x>\r\nIn-Reply-To: ${inReplyTo}\r\n\r\n${body}\r\n`;

test("first pass: full sync of recent mail and the historyId stored; then history.list from it; restart resumes", async () => {
  const s = await seedOutreach(t.db, {
    workspaceId: t.a.workspaceId,
    userId: t.a.userId,
    emails: ["hans@example-tools.de", "emma@northwind.example"],
  });
  const [hans, emma] = s.people;
  const ref = { id: s.mailboxId, workspaceId: t.a.workspaceId };
  fake.deliver(reply("hans@example-tools.de", hans!.messageId));
  fake.deliver("From: anna@threadline-demo.com\r\nSubject: sent\r\n\r\nours\r\n", { labelIds: ["SENT"] });

  const gmail = gmailFor(fake.rootUrl);
  expect(await syncGmail(t.db, gmail, ref)).toEqual({ processed: 1, fullSync: true });
  const cursor = await loadSyncCursor(t.db, s.mailboxId);
  expect(cursor.gmailHistoryId).toBe("1002");
  expect((await t.db.select().from(enrollments).where(eq(enrollments.id, hans!.enrollmentId)))[0]!.state).toBe("replied");

  // New mail (three records: two pages), matched by Gmail thread id alone for Emma.
  fake.deliver(reply("emma@northwind.example", "<unknown@elsewhere>", "Call me"), { threadId: emma!.threadId });
  fake.deliver("From: x@y.example\r\nSubject: hi\r\n\r\nnew inquiry\r\n");
  fake.deliver(reply("hans@example-tools.de", hans!.messageId, "Also: Thursday?"));
  // A "restart": a fresh client, cursor read from the database.
  const again = await syncGmail(t.db, gmailFor(fake.rootUrl), ref);
  expect(again).toEqual({ processed: 3, fullSync: false });
  expect(fake.requests.some((r) => r.includes("/history?") && r.includes("startHistoryId=1002"))).toBe(true);
  expect((await loadSyncCursor(t.db, s.mailboxId)).gmailHistoryId).toBe("1005");
  expect((await t.db.select().from(enrollments).where(eq(enrollments.id, emma!.enrollmentId)))[0]!.state).toBe("replied");
  const rows = await t.db.select().from(inboundMessages).where(eq(inboundMessages.mailboxId, s.mailboxId));
  expect(rows.map((r) => r.providerId).sort()).toEqual(["m1", "m3", "m4", "m5"]);
  expect(rows.find((r) => r.providerId === "m3")!.matchedSendJobId).toBe(emma!.jobId);
});

test("an expired history (404) falls back to a full sync, without ingesting anything twice", async () => {
  const s = await seedOutreach(t.db, { workspaceId: t.a.workspaceId, userId: t.a.userId, emails: ["hans@example-tools.de"] });
  const ref = { id: s.mailboxId, workspaceId: t.a.workspaceId };
  const gmail = gmailFor(fake.rootUrl);
  fake.deliver(reply("hans@example-tools.de", s.people[0]!.messageId));
  await syncGmail(t.db, gmail, ref);
  fake.deliver("From: x@y.example\r\nSubject: later\r\n\r\nlater\r\n");
  fake.expireHistory();
  expect(await syncGmail(t.db, gmail, ref)).toEqual({ processed: 1, fullSync: true });
  expect(fake.requests.filter((r) => r.startsWith("GET /gmail/v1/users/me/history")).length).toBe(1);
  expect(await t.db.select().from(inboundMessages)).toHaveLength(2);
  expect((await loadSyncCursor(t.db, s.mailboxId)).gmailHistoryId).toBe("1002");
});
