import { z } from "zod";
import { emailSchema } from "./common";

const hostSchema = z.string().trim().min(1, "is required").max(253);
const portSchema = z.number({ message: "must be a number" }).int().min(1, "must be 1–65535").max(65535, "must be 1–65535");

/** Where an SMTP mailbox reads replies. secure: TLS from the start (993); otherwise STARTTLS (143). */
export const imapServerSchema = z
  .object({ host: hostSchema, port: portSchema.default(993), secure: z.boolean().default(true) })
  .strict();

/**
 * An SMTP login (and the IMAP server replies are read from, same username and password), as POST
 * /mailboxes/test-connection checks it. secure: TLS from the start (465); otherwise STARTTLS when offered (587).
 */
export const smtpConnectionSchema = z
  .object({
    host: hostSchema,
    port: portSchema,
    secure: z.boolean().default(false),
    username: z.string().trim().min(1, "is required").max(320),
    password: z.string().min(1, "is required").max(1000),
    /** Omitted: the default the mailbox will use (the SMTP host with smtp. → imap., port 993, TLS). */
    imap: imapServerSchema.optional(),
  })
  .strict();

/** The console's SMTP/IMAP form: a connection plus the From address; a valid POST /mailboxes body (kind smtp). */
export const smtpMailboxFormSchema = smtpConnectionSchema
  .extend({ kind: z.literal("smtp"), email: emailSchema, displayName: z.string().trim().max(200).optional() })
  .strict();

/** One login attempt, in words: what worked or exactly what failed. */
export const connectionCheckSchema = z.object({
  ok: z.boolean(),
  /** e.g. "SMTP: authentication failed (535) for user rep@example.com — the server said: bad credentials". */
  message: z.string(),
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
});

export const connectionTestResultSchema = z.object({
  ok: z.boolean(),
  smtp: connectionCheckSchema,
  imap: connectionCheckSchema.extend({
    /** true when no IMAP server was given and the default was checked. */
    defaulted: z.boolean(),
  }),
});
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;
