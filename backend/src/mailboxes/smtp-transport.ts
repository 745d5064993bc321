import nodemailer from "nodemailer";
import type { mailboxes } from "../db/schema";
import { openCredentials } from "./mailbox-credentials";

type MailboxRow = Pick<typeof mailboxes.$inferSelect, "id" | "kind" | "credentialsEnc">;

/** nodemailer SMTP transport for a mailbox with stored (encrypted) SMTP credentials. */
export function smtpTransport(mailbox: MailboxRow, deps: { encryptionKey: Buffer | null }) {
  const c = openCredentials(deps.encryptionKey, mailbox, "smtp");
  return nodemailer.createTransport({
    host: c.host,
    port: c.port,
    secure: c.secure,
    auth: c.username ? { user: c.username, pass: c.password } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
}
