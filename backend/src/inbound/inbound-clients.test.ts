// From a mailbox connected through the API (credentials sealed at rest) to ingested replies: the server's
// client factories decrypt the credentials and the IMAP loop reads a real dovecot on 127.0.0.1.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "vitest";
import { enrollments, sendJobs } from "../db/schema";
import { providerConfig } from "../mailboxes/provider-config";
import { seedOutreach } from "../testing/seed-outreach";
import { startDovecot, type Dovecot } from "../testing/start-dovecot";
import { createTestApp, type TestApp } from "../testing/test-app";
import { createImapClient } from "./create-imap-client";
import { imapSettingsFor, inboundClients } from "./inbound-clients";
import { startInboundLoops } from "./run-inbound-loops";

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

test.each([
  [{ host: "smtp.example.com" }, { host: "imap.example.com", port: 993, secure: true }],
  [{ host: "SMTP.Example.com" }, { host: "imap.Example.com", port: 993, secure: true }],
  [{ host: "mail.example.com" }, { host: "mail.example.com", port: 993, secure: true }],
  [
    { host: "smtp.example.com", imap: { host: "in.example.com", port: 143, secure: false } },
    { host: "in.example.com", port: 143, secure: false },
  ],
])("IMAP settings for %j", (creds, expected) => {
  expect(imapSettingsFor(creds)).toEqual(expected);
});

test("an SMTP mailbox connected through the API is read over IMAP by the running loop", async () => {
  const created = await t.call("POST", "/api/v1/mailboxes", {
    body: {
      kind: "smtp",
      email: "anna@threadline-demo.com",
      host: "smtp.threadline-demo.invalid",
      port: 587,
      username: dovecot.user,
      password: dovecot.pass,
      imap: { host: dovecot.host, port: dovecot.port, secure: false },
    },
  });
  expect(created.status).toBe(201);
  const s = await seedOutreach(t.db, {
    workspaceId: t.a.workspaceId,
    userId: t.a.userId,
    emails: ["hans@example-tools.de"],
    mailboxKind: "outbox",
  });
  const p = s.people[0]!;
  // Empty the shared INBOX first (other tests in this file may have appended).
  const admin = createImapClient({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    user: dovecot.user,
    pass: dovecot.pass,
  });
  await admin.connect();
  const box = await admin.mailboxOpen("INBOX");
  if (box.exists > 0) await admin.messageDelete("1:*");

  const loops = startInboundLoops({
    db: t.db,
    pollMs: 24 * 3_600_000,
    log: () => {},
    clients: inboundClients({ encryptionKey: Buffer.alloc(32, 7), providers: providerConfig() }),
  });
  try {
    expect(await loops.nextPass(created.json.id)).toMatchObject({ processed: 0 });
    const next = loops.nextPass(created.json.id);
    await admin.append(
      "INBOX",
      `From: hans@example-tools.de\r\nTo: anna@threadline-demo.com\r\nSubject: Re: Hello\r\nMessage-ID: <e2e@x>\r\nIn-Reply-To: ${p.messageId}\r\n\r\nLet's talk.\r\n`,
    );
    expect(await next).toEqual({ processed: 1, fullSync: false });
    expect((await t.db.select().from(enrollments).where(eq(enrollments.id, p.enrollmentId)))[0]!.state).toBe("replied");
    expect((await t.db.select().from(sendJobs).where(eq(sendJobs.id, p.nextJobId)))[0]!.status).toBe("cancelled");
  } finally {
    await loops.stop();
    await admin.logout();
  }
});
