import { ImapFlow } from "imapflow";

/** IMAP servers may drop an IDLE after 30 minutes (RFC 2177): re-issue it well before that. */
export const IMAP_MAX_IDLE_MS = 25 * 60_000;

export interface ImapSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  /** Re-issue IDLE after this long (must stay under 29 minutes). */
  maxIdleMs?: number;
  /** Short timeouts for a one-off login check (imapflow's defaults wait minutes). */
  timeouts?: { connectionMs: number; greetingMs: number; socketMs: number };
}

/** A new (not connected) ImapFlow client; IDLE starts on inactivity and is re-issued before maxIdleMs. */
export function createImapClient(s: ImapSettings): ImapFlow {
  const maxIdleTime = Math.min(s.maxIdleMs ?? IMAP_MAX_IDLE_MS, 29 * 60_000 - 1);
  const options = {
    host: s.host,
    port: s.port,
    secure: s.secure,
    // Plain IMAP on 127.0.0.1 in tests; real servers use 993 (secure) or STARTTLS on 143.
    doSTARTTLS: s.secure ? undefined : s.host === "127.0.0.1" ? false : true,
    auth: { user: s.user, pass: s.pass },
    logger: false,
    maxIdleTime,
    // Enter IDLE one second after the last command (default 15 s), so new mail is pushed to us at once.
    autoIdleDelay: 1000,
    ...(s.timeouts
      ? {
          connectionTimeout: s.timeouts.connectionMs,
          greetingTimeout: s.timeouts.greetingMs,
          socketTimeout: s.timeouts.socketMs,
        }
      : {}),
  };
  return new ImapFlow(options as ConstructorParameters<typeof ImapFlow>[0]);
}
