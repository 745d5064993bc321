// IMAP ingest (SMTP mailboxes): fetch INBOX by UID after the stored cursor; UIDVALIDITY change → start over.
import type { ImapFlow } from "imapflow";
import type { Db } from "../db/client";
import { applyInbound } from "./apply-inbound";
import type { MailboxRef, SyncResult } from "./sync-gmail";
import { loadSyncCursor, saveSyncCursor } from "./sync-cursor";

/** One sync pass over INBOX with an already-connected ImapFlow client. */
export async function syncImap(db: Db, imap: ImapFlow, mailbox: MailboxRef): Promise<SyncResult> {
  const cursor = await loadSyncCursor(db, mailbox.id);
  const lock = await imap.getMailboxLock("INBOX");
  try {
    const box = imap.mailbox;
    if (!box) throw new Error("INBOX is not open");
    const validity = String(box.uidValidity);
    const fullSync = cursor.imapUidValidity !== validity;
    let lastUid = fullSync ? 0 : (cursor.imapLastUid ?? 0);
    let processed = 0;
    if (box.exists > 0) {
      // Collect first: applyInbound must not run while the FETCH stream holds the connection.
      const found: { uid: number; source: Buffer }[] = [];
      for await (const msg of imap.fetch(`${lastUid + 1}:*`, { uid: true, source: true }, { uid: true })) {
        if (msg.uid > lastUid && msg.source) found.push({ uid: msg.uid, source: msg.source });
      }
      for (const { uid, source } of found.sort((a, b) => a.uid - b.uid)) {
        const r = await applyInbound(db, {
          workspaceId: mailbox.workspaceId,
          mailboxId: mailbox.id,
          providerId: `${validity}:${uid}`,
          raw: source,
        });
        if (!r.duplicate) processed++;
        lastUid = uid;
        await saveSyncCursor(db, mailbox.id, { imapUidValidity: validity, imapLastUid: lastUid });
      }
    }
    await saveSyncCursor(db, mailbox.id, {
      imapUidValidity: validity,
      imapLastUid: lastUid,
      lastSyncAt: Date.now(),
      lastError: null,
    });
    return { processed, fullSync };
  } finally {
    lock.release();
  }
}
