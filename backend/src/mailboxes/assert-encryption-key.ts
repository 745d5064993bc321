import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

/**
 * Refuses to start when a mailbox with stored credentials exists but no ENCRYPTION_KEY is configured:
 * the credentials could not be read, and new ones could not be stored safely.
 */
export async function assertEncryptionKey(db: Db, key: Buffer | null): Promise<void> {
  if (key) return;
  const rows = await db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM mailboxes WHERE kind != 'outbox' AND credentials_enc IS NOT NULL`,
  );
  if ((rows[0]?.n ?? 0) > 0) {
    throw new Error(
      "ENCRYPTION_KEY is not set but connected mailboxes have encrypted credentials. Set the key they were stored with " +
        "(32 bytes, base64 or hex) and start again.",
    );
  }
}
