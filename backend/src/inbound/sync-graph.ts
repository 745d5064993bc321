// Microsoft 365 ingest: Graph delta query on the Inbox; the deltaLink is the cursor; 410 Gone → start over.
import { ResponseType, type Client } from "@microsoft/microsoft-graph-client";
import type { Db } from "../db/client";
import { applyInbound } from "./apply-inbound";
import type { MailboxRef, SyncResult } from "./sync-gmail";
import { loadSyncCursor, saveSyncCursor } from "./sync-cursor";

const START = "/me/mailFolders/inbox/messages/delta?$select=id,conversationId,isDraft";

interface DeltaPage {
  value?: { id: string; conversationId?: string; isDraft?: boolean; "@removed"?: unknown }[];
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
}

const statusOf = (e: unknown) => (e as { statusCode?: number }).statusCode;

/** Graph's nextLink/deltaLink are absolute; the client takes them as a path under its own base URL and version. */
function asApiPath(link: string): string {
  if (!/^https?:\/\//i.test(link)) return link;
  const u = new URL(link);
  return `${u.pathname.replace(/^\/(v1\.0|beta)(?=\/)/, "")}${u.search}`;
}

/** One sync pass for a Microsoft mailbox with an already-constructed Graph client. */
export async function syncGraph(db: Db, graph: Client, mailbox: MailboxRef): Promise<SyncResult> {
  const cursor = await loadSyncCursor(db, mailbox.id);
  try {
    return await pass(db, graph, mailbox, cursor.graphDeltaLink ?? START, !cursor.graphDeltaLink);
  } catch (e) {
    // 410: the delta token expired or the mailbox was reset — a full resync (deduplicated by provider id).
    if (statusOf(e) === 410 && cursor.graphDeltaLink) return pass(db, graph, mailbox, START, true);
    throw e;
  }
}

async function pass(db: Db, graph: Client, mailbox: MailboxRef, url: string, fullSync: boolean): Promise<SyncResult> {
  let processed = 0;
  let next: string | undefined = url;
  while (next) {
    const page = (await graph.api(asApiPath(next)).get()) as DeltaPage;
    for (const m of page.value ?? []) {
      if (m["@removed"] || m.isDraft) continue;
      const mime = (await graph
        .api(`/me/messages/${encodeURIComponent(m.id)}/$value`)
        .responseType(ResponseType.ARRAYBUFFER)
        .get()) as ArrayBuffer;
      const r = await applyInbound(db, {
        workspaceId: mailbox.workspaceId,
        mailboxId: mailbox.id,
        providerId: m.id,
        raw: Buffer.from(mime),
        threadId: m.conversationId ?? null,
      });
      if (!r.duplicate) processed++;
    }
    if (page["@odata.deltaLink"]) {
      await saveSyncCursor(db, mailbox.id, { graphDeltaLink: page["@odata.deltaLink"], lastSyncAt: Date.now(), lastError: null });
    }
    next = page["@odata.nextLink"];
  }
  return { processed, fullSync };
}
