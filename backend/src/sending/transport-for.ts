import type { Db } from "../db/client";
import type { mailboxes } from "../db/schema";
import { gmailClient, type ClientDeps } from "../mailboxes/gmail-client";
import { graphClient } from "../mailboxes/graph-client";
import { smtpTransport } from "../mailboxes/smtp-transport";
import { gmailSend } from "./gmail-send";
import { graphSend } from "./graph-send";
import { outboxTransport } from "./outbox-transport";
import { smtpSend } from "./smtp-send";
import type { Transport } from "./transport";

/** The transport for a mailbox (no mailbox = the outbox). */
export function transportFor(db: Db, mailbox: typeof mailboxes.$inferSelect | null, deps: ClientDeps): Transport {
  switch (mailbox?.kind ?? "outbox") {
    case "gmail":
      return gmailSend(gmailClient(mailbox!, deps));
    case "microsoft":
      return graphSend(graphClient(mailbox!, deps));
    case "smtp":
      return smtpSend(smtpTransport(mailbox!, deps));
    default:
      return outboxTransport(db);
  }
}
