import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { mailboxes } from "../db/schema";

/** Inbound cursors live under mailboxes.sync_state.inbound, so other state in that column is left alone. */
export interface InboundCursor {
  gmailHistoryId?: string;
  graphDeltaLink?: string;
  imapUidValidity?: string;
  imapLastUid?: number;
  lastSyncAt?: number;
  lastError?: string | null;
}

export async function loadSyncCursor(db: Db, mailboxId: string): Promise<InboundCursor> {
  const row = (await db.select({ s: mailboxes.syncState }).from(mailboxes).where(eq(mailboxes.id, mailboxId)).limit(1))[0];
  return ((row?.s ?? {}).inbound as InboundCursor | undefined) ?? {};
}

/** Merges `patch` into the stored cursor; other keys of sync_state are kept. */
export async function saveSyncCursor(db: Db, mailboxId: string, patch: InboundCursor): Promise<void> {
  const row = (await db.select({ s: mailboxes.syncState }).from(mailboxes).where(eq(mailboxes.id, mailboxId)).limit(1))[0];
  const state = row?.s ?? {};
  const inbound = { ...((state.inbound as InboundCursor | undefined) ?? {}), ...patch };
  await db
    .update(mailboxes)
    .set({ syncState: { ...state, inbound } })
    .where(eq(mailboxes.id, mailboxId));
}
