// The continuously running ingest: one loop per connected mailbox (Gmail history poll + push trigger, Graph
// delta poll, IMAP with IDLE), plus housekeeping (out-of-office resumes, inquiry reminders). Cursors live in
// mailboxes.sync_state, so a restart resumes where the last pass stopped.
import type { Client } from "@microsoft/microsoft-graph-client";
import { and, eq, inArray } from "drizzle-orm";
import type { gmail_v1 } from "googleapis/build/src/apis/gmail/index.js";
import type { ImapFlow } from "imapflow";
import type { Db } from "../db/client";
import { mailboxes } from "../db/schema";
import { createInquiryReminders } from "./create-inquiry-reminders";
import { resumePausedEnrollments } from "./resume-paused-enrollments";
import { saveSyncCursor } from "./sync-cursor";
import { syncGmail, type SyncResult } from "./sync-gmail";
import { syncGraph } from "./sync-graph";
import { syncImap } from "./sync-imap";

export type MailboxRow = typeof mailboxes.$inferSelect;

/** Client factories: the sequences code (backend/src/mailboxes) builds them from stored credentials; tests pass fakes. */
export interface InboundClients {
  gmail(mailbox: MailboxRow): gmail_v1.Gmail;
  graph(mailbox: MailboxRow): Client;
  /** A new, not yet connected ImapFlow client (with maxIdleTime below 29 minutes). */
  imap(mailbox: MailboxRow): ImapFlow;
}

export interface InboundLoopsOptions {
  db: Db;
  clients: InboundClients;
  /** Poll interval for Gmail/Graph, and the IMAP fallback poll. */
  pollMs?: number;
  /** How often the list of mailboxes is re-read (new connections start, removed ones stop). */
  refreshMs?: number;
  housekeepingMs?: number;
  log?: (msg: string, err?: unknown) => void;
  now?: () => number;
}

/** A sleep that a trigger can cut short. */
class Waker {
  private wake: (() => void) | null = null;
  private pending = false;
  sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
  trigger() {
    if (this.wake) this.wake();
    else this.pending = true;
  }
}

interface Loop {
  mailbox: MailboxRow;
  waker: Waker;
  stopped: boolean;
  done: Promise<void>;
  stop(): Promise<void>;
  passes: number;
}

export interface InboundLoops {
  /** Wakes the Gmail loop of this address now (the push endpoint calls it). False when no such loop runs. */
  triggerGmail(email: string): boolean;
  /** Wakes every loop now. */
  triggerAll(): void;
  /** Resolves after the next completed pass of the mailbox's loop. */
  nextPass(mailboxId: string): Promise<SyncResult | Error>;
  stop(): Promise<void>;
}

export function startInboundLoops(opts: InboundLoopsOptions): InboundLoops {
  const { db, clients } = opts;
  const pollMs = opts.pollMs ?? 60_000;
  const log = opts.log ?? ((msg, err) => console.warn(`inbound: ${msg}`, err ?? ""));
  const now = opts.now ?? Date.now;
  const loops = new Map<string, Loop>();
  const passWaiters = new Map<string, ((r: SyncResult | Error) => void)[]>();
  let stopped = false;

  const reportPass = (mailboxId: string, r: SyncResult | Error) => {
    const waiters = passWaiters.get(mailboxId) ?? [];
    passWaiters.delete(mailboxId);
    for (const w of waiters) w(r);
  };

  async function recordError(mailbox: MailboxRow, e: unknown) {
    log(`sync of ${mailbox.email} (${mailbox.kind}) failed`, e);
    await saveSyncCursor(db, mailbox.id, { lastError: String((e as Error)?.message ?? e).slice(0, 500) }).catch(() => {});
  }

  /** A loop handle whose stop() wakes the loop and waits for its body (`done`, set by the caller) to end. */
  function newLoop(mailbox: MailboxRow): Loop {
    const loop: Loop = {
      mailbox,
      waker: new Waker(),
      stopped: false,
      passes: 0,
      done: Promise.resolve(),
      stop: async () => {
        loop.stopped = true;
        loop.waker.trigger();
        await loop.done;
      },
    };
    return loop;
  }

  function pollLoop(mailbox: MailboxRow, pass: () => Promise<SyncResult>): Loop {
    const loop = newLoop(mailbox);
    loop.done = (async () => {
      while (!loop.stopped) {
        try {
          const r = await pass();
          loop.passes++;
          reportPass(mailbox.id, r);
        } catch (e) {
          await recordError(mailbox, e);
          reportPass(mailbox.id, e instanceof Error ? e : new Error(String(e)));
        }
        if (!loop.stopped) await loop.waker.sleep(pollMs);
      }
    })();
    return loop;
  }

  function imapLoop(mailbox: MailboxRow): Loop {
    let client: ImapFlow | null = null;
    const loop = newLoop(mailbox);
    loop.done = (async () => {
      let backoff = 1000;
      while (!loop.stopped) {
        try {
          if (!client || !client.usable) {
            client = clients.imap(mailbox);
            client.on("error", (e) => log(`IMAP ${mailbox.email}`, e));
            // New mail while IDLE (the client idles between passes and re-issues IDLE before maxIdleTime).
            client.on("exists", () => loop.waker.trigger());
            client.on("close", () => loop.waker.trigger());
            await client.connect();
            await client.mailboxOpen("INBOX");
          }
          const r = await syncImap(db, client, mailbox);
          loop.passes++;
          backoff = 1000;
          reportPass(mailbox.id, r);
          if (!loop.stopped) await loop.waker.sleep(pollMs);
        } catch (e) {
          await recordError(mailbox, e);
          reportPass(mailbox.id, e instanceof Error ? e : new Error(String(e)));
          client?.close();
          client = null;
          if (!loop.stopped) await loop.waker.sleep(backoff);
          backoff = Math.min(backoff * 2, 5 * 60_000);
        }
      }
      if (client) await client.logout().catch(() => client?.close());
    })();
    return loop;
  }

  function startLoop(mailbox: MailboxRow): Loop | null {
    const ref = { id: mailbox.id, workspaceId: mailbox.workspaceId };
    try {
      if (mailbox.kind === "gmail") {
        const gmail = clients.gmail(mailbox);
        return pollLoop(mailbox, () => syncGmail(db, gmail, ref));
      }
      if (mailbox.kind === "microsoft") {
        const graph = clients.graph(mailbox);
        return pollLoop(mailbox, () => syncGraph(db, graph, ref));
      }
      if (mailbox.kind === "smtp") return imapLoop(mailbox);
    } catch (e) {
      void recordError(mailbox, e);
    }
    return null;
  }

  async function refresh() {
    const rows = await db
      .select()
      .from(mailboxes)
      .where(and(eq(mailboxes.active, true), inArray(mailboxes.kind, ["gmail", "microsoft", "smtp"])));
    const live = new Set(rows.map((r) => r.id));
    for (const [id, loop] of loops) {
      if (!live.has(id)) {
        loops.delete(id);
        void loop.stop();
      }
    }
    for (const row of rows) {
      if (stopped || loops.has(row.id)) continue;
      const loop = startLoop(row);
      if (loop) loops.set(row.id, loop);
    }
  }

  async function housekeeping() {
    try {
      await resumePausedEnrollments(db, now());
      await createInquiryReminders(db, now());
    } catch (e) {
      log("housekeeping failed", e);
    }
  }

  const refreshTimer = setInterval(() => void refresh().catch((e) => log("mailbox refresh failed", e)), opts.refreshMs ?? 60_000);
  const houseTimer = setInterval(() => void housekeeping(), opts.housekeepingMs ?? 60_000);
  refreshTimer.unref();
  houseTimer.unref();
  const ready = refresh().catch((e) => log("mailbox refresh failed", e));
  void housekeeping();

  return {
    triggerGmail(email) {
      let found = false;
      for (const loop of loops.values()) {
        if (loop.mailbox.kind === "gmail" && loop.mailbox.email.toLowerCase() === email.toLowerCase()) {
          loop.waker.trigger();
          found = true;
        }
      }
      return found;
    },
    triggerAll() {
      for (const loop of loops.values()) loop.waker.trigger();
    },
    async nextPass(mailboxId) {
      await ready;
      return new Promise((resolve) => passWaiters.set(mailboxId, [...(passWaiters.get(mailboxId) ?? []), resolve]));
    },
    async stop() {
      stopped = true;
      clearInterval(refreshTimer);
      clearInterval(houseTimer);
      await ready;
      await Promise.all([...loops.values()].map((l) => l.stop()));
      loops.clear();
    },
  };
}
