// The push endpoint wakes the running Gmail loop (fake Gmail on 127.0.0.1, real googleapis client); the
// poll interval is a day, so only the push can have triggered the second pass.
import { eq } from "drizzle-orm";
import { auth as googleAuth, gmail } from "googleapis/build/src/apis/gmail/index.js";
import { afterEach, beforeEach, expect, test } from "vitest";
import { createApp } from "../app";
import { enrollments } from "../db/schema";
import { startInboundLoops, type InboundLoops } from "../inbound/run-inbound-loops";
import { startFakeGmailInbox, type FakeGmailInbox } from "../testing/fake-gmail-inbox";
import { seedOutreach } from "../testing/seed-outreach";
import { createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
let fake: FakeGmailInbox;
let loops: InboundLoops;
beforeEach(async () => {
  t = await createTestApp();
  fake = await startFakeGmailInbox();
});
afterEach(async () => {
  await loops?.stop();
  await fake.close();
  t.close();
});

const TOKEN = "push-token-0123456789abcdef";
const push = (app: ReturnType<typeof createApp>, body: unknown, token = TOKEN) =>
  app.request(`/hooks/gmail-push?token=${token}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const envelope = (emailAddress: string, historyId: string | number) => ({
  message: { data: Buffer.from(JSON.stringify({ emailAddress, historyId })).toString("base64"), messageId: "1" },
  subscription: "projects/p/subscriptions/s",
});

test("a Pub/Sub push triggers the same history sync at once", async () => {
  const s = await seedOutreach(t.db, { workspaceId: t.a.workspaceId, userId: t.a.userId, emails: ["hans@example-tools.de"] });
  const p = s.people[0]!;
  loops = startInboundLoops({
    db: t.db,
    pollMs: 24 * 3_600_000,
    log: () => {},
    clients: {
      gmail: () => {
        const auth = new googleAuth.OAuth2();
        auth.setCredentials({ access_token: "x", expiry_date: Date.now() + 3_600_000 });
        return gmail({ version: "v1", auth, rootUrl: fake.rootUrl });
      },
      graph: () => {
        throw new Error("unused");
      },
      imap: () => {
        throw new Error("unused");
      },
    },
  });
  const app = createApp({
    db: t.db,
    config: { publicUrl: "http://127.0.0.1", corsOrigins: [], signingSecret: "s".repeat(32), encryptionKey: null },
    gmailPush: { token: TOKEN, onPush: (email) => loops.triggerGmail(email) },
  });
  expect(await loops.nextPass(s.mailboxId)).toEqual({ processed: 0, fullSync: true });

  fake.deliver(
    `From: hans@example-tools.de\r\nSubject: Re: Hello\r\nMessage-ID: <p1@x>\r\nIn-Reply-To: ${p.messageId}\r\n\r\nLet's talk.\r\n`,
  );
  const second = loops.nextPass(s.mailboxId);
  const res = await push(app, envelope("Anna@Threadline-Demo.com", 1001));
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true, triggered: true });
  expect(await second).toEqual({ processed: 1, fullSync: false });
  expect((await t.db.select().from(enrollments).where(eq(enrollments.id, p.enrollmentId)))[0]!.state).toBe("replied");

  const unknown = await push(app, envelope("nobody@else.example", 5));
  expect(await unknown.json()).toEqual({ ok: true, triggered: false });
});

test.each([
  ["wrong token", envelope("a@b.example", 1), "wrong-token-0123456789abcdef", 401, "unauthorized"],
  ["no message", { subscription: "x" }, TOKEN, 400, "bad_request"],
  ["data not base64 JSON", { message: { data: "!!!" } }, TOKEN, 400, "bad_request"],
  [
    "data without emailAddress",
    { message: { data: Buffer.from('{"historyId":1}').toString("base64") } },
    TOKEN,
    400,
    "bad_request",
  ],
  ["not JSON at all", "nope", TOKEN, 400, "bad_request"],
])("%s → %i", async (_name, body, token, status, code) => {
  const app = createApp({
    db: t.db,
    config: { publicUrl: "http://127.0.0.1", corsOrigins: [], signingSecret: "s".repeat(32), encryptionKey: null },
    gmailPush: { token: TOKEN, onPush: () => true },
  });
  const res = await push(app, body, token);
  expect(res.status).toBe(status);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
});

test("not mounted without a push token configured", async () => {
  const app = createApp({
    db: t.db,
    config: { publicUrl: "http://127.0.0.1", corsOrigins: [], signingSecret: "s".repeat(32), encryptionKey: null },
  });
  expect((await push(app, envelope("a@b.example", 1))).status).toBe(404);
});
