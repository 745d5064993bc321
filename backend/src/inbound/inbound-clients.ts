// The inbound loops' clients, built from a mailbox's stored (encrypted) credentials with the sequences code's
// factories: Gmail and Graph clients as used for sending, and an ImapFlow client for SMTP mailboxes.
import { gmailClient, type ClientDeps } from "../mailboxes/gmail-client";
import { graphClient } from "../mailboxes/graph-client";
import { openCredentials } from "../mailboxes/mailbox-credentials";
import { createImapClient } from "./create-imap-client";
import type { InboundClients } from "./run-inbound-loops";

/** IMAP server of an SMTP mailbox: as stored, else the SMTP host with "smtp." replaced by "imap.", port 993 (TLS). */
export function imapSettingsFor(creds: { host: string; imap?: { host: string; port: number; secure: boolean } }) {
  return creds.imap ?? { host: creds.host.replace(/^smtp\./i, "imap."), port: 993, secure: true };
}

export function inboundClients(deps: ClientDeps & { imapMaxIdleMs?: number }): InboundClients {
  return {
    gmail: (mailbox) => gmailClient(mailbox, deps),
    graph: (mailbox) => graphClient(mailbox, deps),
    imap: (mailbox) => {
      const creds = openCredentials(deps.encryptionKey, mailbox, "smtp");
      return createImapClient({
        ...imapSettingsFor(creds),
        user: creds.username,
        pass: creds.password,
        maxIdleMs: deps.imapMaxIdleMs,
      });
    },
  };
}
