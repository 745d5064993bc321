import type { Db } from "../db/client";
import { LookalikeIndex } from "./lookalike-index";

// A workspace's company domains for the look-alike warning, kept in memory per database and workspace: the card
// must not read every company on every call. Writes through this process update it at once (noteKnownDomain);
// writes by other processes show up after at most REFRESH_MS (refreshed in the background, never on the hot path).
const REFRESH_MS = 60_000;

interface Entry {
  index: LookalikeIndex;
  loadedAt: number;
  refreshing: Promise<void> | null;
}

const cache = new WeakMap<Db, Map<string, Entry | Promise<Entry>>>();

async function load(db: Db, workspaceId: string): Promise<LookalikeIndex> {
  const res = await db.$client.execute({ sql: "SELECT domain FROM companies WHERE workspace_id = ?", args: [workspaceId] });
  return new LookalikeIndex(res.rows.map((r) => String(r.domain)));
}

/** The workspace's known-domain index (loaded on first use, refreshed in the background when old). */
export async function knownDomains(db: Db, workspaceId: string, now = Date.now()): Promise<LookalikeIndex> {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  const hit = perDb.get(workspaceId);
  if (!hit) {
    const loading = load(db, workspaceId).then((index) => {
      const entry: Entry = { index, loadedAt: now, refreshing: null };
      perDb.set(workspaceId, entry);
      return entry;
    });
    perDb.set(workspaceId, loading);
    loading.catch(() => perDb.delete(workspaceId));
    return (await loading).index;
  }
  const entry = hit instanceof Promise ? await hit : hit;
  if (now - entry.loadedAt > REFRESH_MS && !entry.refreshing) {
    entry.refreshing = load(db, workspaceId)
      .then((index) => {
        entry.index = index;
        entry.loadedAt = Date.now();
      })
      .catch(() => undefined)
      .finally(() => {
        entry.refreshing = null;
      });
  }
  return entry.index;
}

/** A company was created in this process: make its domain known without a reload. */
export function noteKnownDomain(db: Db, workspaceId: string, domain: string): void {
  const hit = cache.get(db)?.get(workspaceId);
  if (hit && !(hit instanceof Promise)) hit.index.add(domain);
  else if (hit) void hit.then((e) => e.index.add(domain));
}
