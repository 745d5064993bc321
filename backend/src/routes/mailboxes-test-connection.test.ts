// POST /mailboxes/test-connection against a real SMTP server (smtp-server) and a real IMAP server (dovecot), both
// on 127.0.0.1: real logins, failures in words, never a 500.
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, test } from "vitest";
import { mailboxes } from "../db/schema";
import { startDovecot, type Dovecot } from "../testing/start-dovecot";
import { createTestApp, type TestApp } from "../testing/test-app";

let dovecot: Dovecot;
let plain: SMTPServer;
let tls: SMTPServer;
const port = (s: SMTPServer) => (s.server.address() as AddressInfo).port;
const listen = async (s: SMTPServer) => {
  // A client that gives up mid-handshake is an error event on the server; the test does not care.
  s.on("error", () => {});
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return s;
};

beforeAll(async () => {
  dovecot = await startDovecot();
  // The same user and password as the dovecot user: one login for SMTP and IMAP, as at a real provider.
  const onAuth: SMTPServerOptions["onAuth"] = (auth, _s, cb) =>
    auth.username === dovecot.user && auth.password === dovecot.pass
      ? cb(null, { user: auth.username })
      : cb(new Error("bad credentials"));
  plain = await listen(new SMTPServer({ disabledCommands: ["STARTTLS"], allowInsecureAuth: true, onAuth }));
  // smtp-server's built-in certificate: self-signed and expired, i.e. exactly what a client must not trust.
  tls = await listen(new SMTPServer({ secure: true, onAuth, hideSTARTTLS: true }));
});
afterAll(async () => {
  await new Promise<void>((r) => plain.close(() => r()));
  await new Promise<void>((r) => tls.close(() => r()));
  await dovecot?.stop();
});

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const body = (over: Record<string, unknown> = {}) => ({
  host: "127.0.0.1",
  port: port(plain),
  secure: false,
  username: dovecot.user,
  password: dovecot.pass,
  imap: { host: dovecot.host, port: dovecot.port, secure: false },
  ...over,
});
const check = (b: unknown, token = t.aRep.token) => t.call("POST", "/api/v1/mailboxes/test-connection", { token, body: b });

describe("POST /mailboxes/test-connection", () => {
  test("the right password: both logins succeed; nothing is stored", async () => {
    const r = await check(body());
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      ok: true,
      smtp: {
        ok: true,
        message: `SMTP: signed in as anna at 127.0.0.1:${port(plain)}`,
        host: "127.0.0.1",
        port: port(plain),
        secure: false,
      },
      imap: {
        ok: true,
        message: `IMAP: signed in as anna at 127.0.0.1:${dovecot.port}`,
        host: "127.0.0.1",
        port: dovecot.port,
        secure: false,
        defaulted: false,
      },
    });
    expect(await t.db.select().from(mailboxes)).toEqual([]);
  });

  test("a wrong password: both say authentication failed, for which user, with the server's words", async () => {
    const r = await check(body({ password: "wrong-password" }));
    expect(r.status).toBe(200);
    expect(r.json.ok).toBe(false);
    expect(r.json.smtp).toMatchObject({
      ok: false,
      message: "SMTP: authentication failed (535) for user anna — the server said: bad credentials",
    });
    expect(r.json.imap).toMatchObject({
      ok: false,
      message: "IMAP: authentication failed (AUTHENTICATIONFAILED) for user anna — the server said: Authentication failed.",
    });
    expect(JSON.stringify(r.json)).not.toContain("wrong-password");
  });

  test("nothing listening: connection refused at host:port, for each protocol", async () => {
    const r = await check(body({ port: 1, imap: { host: "127.0.0.1", port: 2, secure: false } }));
    expect([r.status, r.json.ok]).toEqual([200, false]);
    expect(r.json.smtp.message).toBe("SMTP: connection refused at 127.0.0.1:1 (nothing is listening there; check host and port)");
    expect(r.json.imap.message).toBe("IMAP: connection refused at 127.0.0.1:2 (nothing is listening there; check host and port)");
  });

  test("TLS: an untrusted certificate, and TLS spoken to a plain port, are named as such", async () => {
    const r = await check(body({ port: port(tls), secure: true, imap: { host: "127.0.0.1", port: dovecot.port, secure: true } }));
    expect(r.status).toBe(200);
    expect(r.json.smtp.message).toMatch(new RegExp(`^SMTP: TLS certificate not trusted at 127\\.0\\.0\\.1:${port(tls)}: `));
    expect(r.json.imap.message).toBe(
      `IMAP: TLS handshake failed at 127.0.0.1:${dovecot.port}: the server does not start TLS on this port. Choose STARTTLS (usually port 143) or the TLS port (993).`,
    );
  });

  test("without an IMAP server the default the mailbox would use is checked and marked as such", async () => {
    const { imap: _imap, ...noImap } = body();
    const r = await check(noImap);
    expect(r.json.imap).toMatchObject({ ok: false, host: "127.0.0.1", port: 993, secure: true, defaulted: true });
    expect(r.json.imap.message).toContain("IMAP: ");
  });

  test.each([
    ["no host", { host: "" }, "host"],
    ["port out of range", { port: 70000 }, "port"],
    ["port as text", { port: "587" }, "port"],
    ["no password", { password: "" }, "password"],
    ["IMAP without host", { imap: { port: 993 } }, "imap.host"],
  ])("400 for bad input, naming the field: %s", async (_n, over, field) => {
    const r = await check(body(over));
    expect([r.status, r.json.error.code]).toEqual([400, "bad_request"]);
    expect(r.json.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  test("a viewer may not run it", async () => {
    expect((await check(body(), t.aViewer.token)).status).toBe(403);
  });
});
