// One real SMTP login (nodemailer verify: connect, TLS/STARTTLS, AUTH) and one real IMAP login (imapflow), with
// short timeouts, each answered in words. Nothing is sent and no mailbox is stored.
import nodemailer from "nodemailer";
import type { ConnectionTestResult } from "@threadline/shared/schemas";
import { createImapClient } from "../inbound/create-imap-client";
import { imapSettingsFor } from "../inbound/inbound-clients";
import { describeMailError, type MailEndpoint } from "./describe-mail-error";
import type { MailboxCredentials } from "./mailbox-credentials";

/** What a stored SMTP mailbox holds, before it is stored: the same shape as its sealed credentials. */
export type SmtpConnection = Omit<Extract<MailboxCredentials, { kind: "smtp" }>, "kind">;

/** Long enough for a slow server and dovecot's 2 s delay after a wrong password; short enough for a form. */
const timeouts = { connectionMs: 8000, greetingMs: 8000, socketMs: 15_000 };

async function checkSmtp(c: SmtpConnection) {
  const at: MailEndpoint = { protocol: "SMTP", host: c.host, port: c.port, secure: c.secure, username: c.username };
  const transport = nodemailer.createTransport({
    host: c.host,
    port: c.port,
    secure: c.secure,
    auth: { user: c.username, pass: c.password },
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
  });
  try {
    await transport.verify();
    return { ok: true, message: `SMTP: signed in as ${c.username} at ${c.host}:${c.port}`, ...at };
  } catch (e) {
    return { ok: false, message: describeMailError(e, at), ...at };
  } finally {
    transport.close();
  }
}

async function checkImap(c: SmtpConnection) {
  const server = imapSettingsFor(c);
  const at: MailEndpoint = { protocol: "IMAP", ...server, username: c.username };
  const client = createImapClient({ ...server, user: c.username, pass: c.password, timeouts });
  // imapflow also emits errors as events; without a listener a late socket error would crash the process.
  client.on("error", () => {});
  const result = { host: server.host, port: server.port, secure: server.secure, defaulted: !c.imap };
  try {
    await client.connect();
    await client.logout().catch(() => {});
    return { ok: true, message: `IMAP: signed in as ${c.username} at ${server.host}:${server.port}`, ...result };
  } catch (e) {
    client.close();
    return { ok: false, message: describeMailError(e, at), ...result };
  }
}

/** Both logins at once; ok only when both succeed. */
export async function checkMailConnection(c: SmtpConnection): Promise<ConnectionTestResult> {
  const [smtp, imap] = await Promise.all([checkSmtp(c), checkImap(c)]);
  const { protocol: _p, username: _u, ...smtpOut } = smtp;
  return { ok: smtp.ok && imap.ok, smtp: smtpOut, imap };
}
