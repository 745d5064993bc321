import { openSecret, sealSecret } from "../security/secret-box";

export type MailboxCredentials =
  | { kind: "gmail"; refreshToken: string }
  | { kind: "microsoft"; refreshToken: string }
  | {
      kind: "smtp";
      host: string;
      port: number;
      secure: boolean;
      username: string;
      password: string;
      /** Where the inbound sync reads replies (IMAP); see imapSettingsFor in inbound/inbound-clients.ts for the default. */
      imap?: { host: string; port: number; secure: boolean };
    };

const noKey = () =>
  new Error("ENCRYPTION_KEY is not set: mailbox credentials are encrypted at rest; set a 32-byte key (openssl rand -base64 32).");

/** AES-256-GCM sealed JSON of a mailbox's credentials (refresh token or SMTP password). */
export function sealCredentials(key: Buffer | null, creds: MailboxCredentials): string {
  if (!key) throw noKey();
  return sealSecret(key, JSON.stringify(creds));
}

export function openCredentials<K extends MailboxCredentials["kind"]>(
  key: Buffer | null,
  mailbox: { id: string; kind: string; credentialsEnc: string | null },
  kind: K,
): Extract<MailboxCredentials, { kind: K }> {
  if (!key) throw noKey();
  if (!mailbox.credentialsEnc) throw new Error(`mailbox ${mailbox.id} has no stored credentials; connect it again.`);
  const creds = JSON.parse(openSecret(key, mailbox.credentialsEnc)) as MailboxCredentials;
  if (creds.kind !== kind) throw new Error(`mailbox ${mailbox.id} holds ${creds.kind} credentials, not ${kind}.`);
  return creds as Extract<MailboxCredentials, { kind: K }>;
}
