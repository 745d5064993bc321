// Gmail ingest: users.history.list from the stored historyId (messageAdded), full resync when Google has
// expired that history (404). Every new message goes through applyInbound; the cursor is saved after each pass (a crash replays, and inbound_messages deduplicates).
import type { gmail_v1 } from "googleapis/build/src/apis/gmail/index.js";
import type { Db } from "../db/client";
import { applyInbound } from "./apply-inbound";
import { loadSyncCursor, saveSyncCursor } from "./sync-cursor";

export interface MailboxRef {
  id: string;
  workspaceId: string;
}
export interface SyncResult {
  processed: number;
  fullSync: boolean;
}

const FULL_SYNC_QUERY = "newer_than:7d -in:sent -in:drafts";

function statusOf(e: unknown): number | undefined {
  const err = e as { code?: number | string; status?: number; response?: { status?: number } };
  return err.response?.status ?? err.status ?? (typeof err.code === "number" ? err.code : undefined);
}

async function ingestMessage(db: Db, gmail: gmail_v1.Gmail, mailbox: MailboxRef, id: string): Promise<boolean> {
  const res = await gmail.users.messages.get({ userId: "me", id, format: "raw" });
  const m = res.data;
  // Our own sends and drafts show up in history too; only mail that arrived counts.
  if (!m.raw || m.labelIds?.includes("SENT") || m.labelIds?.includes("DRAFT")) return false;
  const r = await applyInbound(db, {
    workspaceId: mailbox.workspaceId,
    mailboxId: mailbox.id,
    providerId: id,
    raw: Buffer.from(m.raw, "base64url"),
    threadId: m.threadId ?? null,
  });
  return !r.duplicate;
}

async function fullSync(db: Db, gmail: gmail_v1.Gmail, mailbox: MailboxRef): Promise<SyncResult> {
  // Take the cursor first: anything arriving during the listing is seen again by history (and deduplicated).
  const profile = await gmail.users.getProfile({ userId: "me" });
  let processed = 0;
  let pageToken: string | undefined;
  do {
    const page = await gmail.users.messages.list({ userId: "me", q: FULL_SYNC_QUERY, maxResults: 100, pageToken });
    for (const m of page.data.messages ?? []) if (m.id && (await ingestMessage(db, gmail, mailbox, m.id))) processed++;
    pageToken = page.data.nextPageToken ?? undefined;
  } while (pageToken);
  await saveSyncCursor(db, mailbox.id, {
    gmailHistoryId: String(profile.data.historyId),
    lastSyncAt: Date.now(),
    lastError: null,
  });
  return { processed, fullSync: true };
}

/** One sync pass for a Gmail mailbox with an already-constructed client (tests point it at a local fake). */
export async function syncGmail(db: Db, gmail: gmail_v1.Gmail, mailbox: MailboxRef): Promise<SyncResult> {
  const cursor = await loadSyncCursor(db, mailbox.id);
  if (!cursor.gmailHistoryId) return fullSync(db, gmail, mailbox);
  let processed = 0;
  let pageToken: string | undefined;
  let startHistoryId = cursor.gmailHistoryId;
  try {
    do {
      const page = await gmail.users.history.list({
        userId: "me",
        startHistoryId,
        historyTypes: ["messageAdded"],
        maxResults: 500,
        pageToken,
      });
      for (const h of page.data.history ?? []) {
        for (const added of h.messagesAdded ?? []) {
          const id = added.message?.id;
          if (id && (await ingestMessage(db, gmail, mailbox, id))) processed++;
        }
      }
      pageToken = page.data.nextPageToken ?? undefined;
      if (!pageToken && page.data.historyId) startHistoryId = String(page.data.historyId);
    } while (pageToken);
  } catch (e) {
    if (statusOf(e) === 404) {
      const r = await fullSync(db, gmail, mailbox);
      return { processed: processed + r.processed, fullSync: true };
    }
    throw e;
  }
  await saveSyncCursor(db, mailbox.id, { gmailHistoryId: startHistoryId, lastSyncAt: Date.now(), lastError: null });
  return { processed, fullSync: false };
}
