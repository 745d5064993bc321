import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { mailboxes, sendJobs } from "../db/schema";
import { IDEMPOTENCY_HEADER } from "./build-message";
import { createSequenceFixture, headerLines } from "../testing/sequence-fixture";

let f: Awaited<ReturnType<typeof createSequenceFixture>>;
let server: SMTPServer;
let port = 0;
const received: { raw: string; parsed: ParsedMail; rcpt: string[]; user: string | undefined }[] = [];
let rejectNext = false;

beforeEach(async () => {
  f = await createSequenceFixture();
  received.length = 0;
  server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    onAuth(auth, _session, cb) {
      if (auth.username === "rep@a.example" && auth.password === "s3cret-pass") cb(null, { user: auth.username });
      else cb(new Error("bad credentials"));
    },
    onRcptTo(address, _session, cb) {
      if (rejectNext) {
        rejectNext = false;
        const err = new Error("mailbox busy, try later") as Error & { responseCode: number };
        err.responseCode = 451;
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        void simpleParser(raw).then((parsed) => {
          received.push({
            raw,
            parsed,
            rcpt: session.envelope.rcptTo.map((r) => r.address),
            user: session.user as string | undefined,
          });
          cb();
        });
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  f.close();
});

describe("SMTP transport (nodemailer → real smtp-server)", () => {
  test("two steps: own Message-ID, threaded reply, one-line List-Unsubscribe, both parts; credentials encrypted", async () => {
    const mb = await f.call("POST", "/api/v1/mailboxes", {
      body: {
        kind: "smtp",
        email: "rep@a.example",
        displayName: "Rep A",
        host: "127.0.0.1",
        port,
        secure: false,
        username: "rep@a.example",
        password: "s3cret-pass",
      },
    });
    expect(mb.status).toBe(201);
    expect(JSON.stringify(mb.json)).not.toContain("s3cret");
    const stored = (await f.db.select().from(mailboxes))[0]!;
    expect(stored.credentialsEnc).toMatch(/^v1\./);
    expect(stored.credentialsEnc).not.toContain("s3cret");

    const c = await f.contact({ email: "wei@bright.cn", firstName: "Wei", language: "zh" });
    const s = await f.sequence({
      name: "S",
      steps: [
        { kind: "email", config: { subject: "报价 {{first_name}}", bodyHtml: "<p>您好 {{first_name}}</p>" } },
        { kind: "email", delayAmount: 1, delayUnit: "hours", config: { bodyHtml: "<p>跟进</p>" } },
        {
          kind: "email",
          delayAmount: 1,
          delayUnit: "hours",
          config: { threadMode: "new_thread", subject: "New topic", bodyHtml: "<p>new</p>" },
        },
      ],
    });
    expect((await f.enroll({ sequenceId: s.id, contactIds: [c.id], mailboxId: mb.json.id })).status).toBe(201);
    const d = f.dispatcher();
    const now = Date.now() + 1000;
    expect((await d.runOnce(now)).sent).toBe(1);
    expect((await d.runOnce(now + 2 * 3_600_000)).sent).toBe(1);
    expect((await d.runOnce(now + 4 * 3_600_000)).sent).toBe(1);
    expect(received).toHaveLength(3);
    const [m1, m2, m3] = received as [(typeof received)[0], (typeof received)[0], (typeof received)[0]];
    expect(m1.user).toBe("rep@a.example");
    expect(m1.rcpt).toEqual(["wei@bright.cn"]);
    expect(m1.parsed.from?.value[0]).toEqual({ address: "rep@a.example", name: "Rep A" });
    expect(m1.parsed.subject).toBe("报价 Wei");
    expect(m1.parsed.messageId).toMatch(/^<sj_[0-9a-z]+\.[0-9a-f]+@a\.example>$/);
    expect(m1.parsed.html).toContain("点击此处退订");
    expect(m1.parsed.text).toContain("您好 Wei");
    expect(m2.parsed.subject).toBe("Re: 报价 Wei");
    expect(m2.parsed.inReplyTo).toBe(m1.parsed.messageId);
    expect(m3.parsed.subject).toBe("New topic");
    expect(m3.parsed.inReplyTo).toBeUndefined();
    for (const m of received) {
      const lines = headerLines(m.raw);
      const lu = lines.filter((l) => /^List-Unsubscribe:/i.test(l));
      expect(lu).toHaveLength(1);
      expect(lu[0]).toMatch(
        /^List-Unsubscribe: <http:\/\/127\.0\.0\.1:8787\/u\/sj_[^>]+>, <mailto:rep@a\.example\?subject=unsubscribe>$/,
      );
      expect(lines[lines.indexOf(lu[0]!) + 1]).not.toMatch(/^\s/);
      expect(lines).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
      expect(m.parsed.headers.get(IDEMPOTENCY_HEADER.toLowerCase())).toMatch(/^en_[0-9a-z]+:st_[0-9a-z]+$/);
      expect(m.parsed.html).toBeTruthy();
      expect(m.parsed.text).toBeTruthy();
    }
    const jobs = await f.db.select().from(sendJobs);
    expect(jobs.map((j) => j.status)).toEqual(["sent", "sent", "sent"]);
  });

  test("a 4xx refusal is retried later; includeUnsubscribe=false omits the headers and the line", async () => {
    const mb = await f.call("POST", "/api/v1/mailboxes", {
      body: {
        kind: "smtp",
        email: "rep@a.example",
        host: "127.0.0.1",
        port,
        secure: false,
        username: "rep@a.example",
        password: "s3cret-pass",
      },
    });
    const c = await f.contact({ email: "wei@bright.cn", firstName: "Wei" });
    const s = await f.sequence({
      name: "1:1",
      settings: { window: { start: "00:00", end: "24:00", days: [1, 2, 3, 4, 5, 6, 7] }, includeUnsubscribe: false },
      steps: [{ kind: "email", config: { subject: "Hello", bodyHtml: "<p>Hello</p>" } }],
    });
    await f.enroll({ sequenceId: s.id, contactIds: [c.id], mailboxId: mb.json.id });
    rejectNext = true;
    const now = Date.now() + 1000;
    const r1 = await f.dispatcher().runOnce(now);
    expect(r1.retried).toBe(1);
    expect(received).toHaveLength(0);
    const job = (await f.db.select().from(sendJobs))[0]!;
    expect(job.status).toBe("queued");
    expect(job.runAt).toBeGreaterThan(now);
    expect((await f.dispatcher().runOnce(job.runAt)).sent).toBe(1);
    expect(received).toHaveLength(1);
    expect(headerLines(received[0]!.raw).some((l) => /^List-Unsubscribe/i.test(l))).toBe(false);
    expect(received[0]!.parsed.html).not.toContain("unsubscribe");
  });
});
