// Durable, non-blocking recording of opens and clicks. A request only pushes a hit onto an in-memory queue
// (no await, no database); a flush loop labels and writes the queue in batches — every `flushMs` or at
// `maxBatch` hits — in one transaction per batch (tracking_events + the contact's timeline). `close()` drains
// everything accepted so far; server.ts calls it on SIGTERM/SIGINT before exiting.
// What a hard crash (SIGKILL, power loss) can lose: the hits accepted in the last flush interval (≤ flushMs,
// at most maxBatch + the hits arriving during one write), since they exist only in memory until committed.
import { and, eq, gte, inArray, or } from "drizzle-orm";
import type { IpRangeSet } from "@threadline/shared/domain/create-ip-range-set";
import {
  labelTrackingEvent,
  machineLabels,
  type EarlierTrackingEvent,
  type TrackingKind,
  type TrackingLabel,
} from "@threadline/shared/domain/label-tracking-event";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { enrollments, sendJobs, timelineEvents, trackingEvents } from "../db/schema";
import { hashIp } from "./hash-ip";

/** What a public route knows about a request; accepted synchronously. */
export interface TrackingHit {
  kind: TrackingKind;
  sendJobId: string;
  /** For clicks: the tracked link (its workspace must match the send's). */
  link?: { id: string; workspaceId: string; url: string; buyingSignal: boolean };
  method: string;
  userAgent: string | null;
  ip: string | null;
  /** Only the headers the label rules read (lower-case names). */
  headers: Record<string, string | undefined>;
  occurredAt: number;
}

/** One committed event, as passed to onRecorded listeners (e.g. the hand-off rules). */
export interface RecordedTrackingEvent {
  id: string;
  workspaceId: string;
  sendJobId: string;
  enrollmentId: string;
  sequenceId: string;
  stepId: string;
  contactId: string;
  kind: TrackingKind;
  label: TrackingLabel;
  reason: string;
  /** True for label "human": the only events analytics and hand-off rules count. */
  counted: boolean;
  linkId: string | null;
  url: string | null;
  buyingSignal: boolean;
  occurredAt: number;
}

export type RecordedListener = (events: RecordedTrackingEvent[]) => void | Promise<void>;

export interface TrackingRecorderOptions {
  db: Db;
  appleRanges: IpRangeSet;
  /** Key for hashing client networks (the app's signing secret). */
  ipSecret: string;
  flushMs?: number;
  maxBatch?: number;
  logger?: Pick<Console, "error" | "warn">;
}

export interface TrackingRecorderStats {
  accepted: number;
  stored: number;
  /** Hits whose send job does not exist (valid signature, deleted send): answered, not stored. */
  dropped: number;
  pending: number;
}

interface SendInfo {
  workspaceId: string;
  sentAt: number | null;
  enrollmentId: string;
  sequenceId: string;
  stepId: string;
  contactId: string;
}

const HOUR = 60 * 60 * 1000;
const SEND_CACHE_MAX = 20_000;
const RECENT_MAX = 20_000;
// Machine opens matter for the "click soon after a bot open" rule only (9 s); keep a margin.
const MACHINE_WINDOW_MS = 15_000;

/**
 * Adds an event to a send's recent list, keeping it small: the latest counted event per (kind, network)
 * within the hour, and machine opens of the last seconds.
 */
function remember(list: EarlierTrackingEvent[], event: EarlierTrackingEvent) {
  const now = event.occurredAt;
  for (let i = list.length - 1; i >= 0; i--) {
    const e = list[i]!;
    const stale =
      e.occurredAt < now - HOUR ||
      (e.label !== "human" && e.occurredAt < now - MACHINE_WINDOW_MS) ||
      (event.label === "human" && e.label === "human" && e.kind === event.kind && e.ipKey === event.ipKey);
    if (stale) list.splice(i, 1);
  }
  if (event.label === "human" || (event.kind === "open" && machineLabels.has(event.label))) list.push(event);
}
// SQLite bound-parameter budget per statement, with room to spare.
const ROWS_PER_INSERT = 400;

export class TrackingRecorder {
  private queue: TrackingHit[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private listeners = new Set<RecordedListener>();
  private sendCache = new Map<string, SendInfo>();
  private recent = new Map<string, EarlierTrackingEvent[]>();
  private closed = false;
  private failures = 0;
  private readonly flushMs: number;
  private readonly maxBatch: number;
  private readonly log: Pick<Console, "error" | "warn">;
  readonly stats: TrackingRecorderStats = { accepted: 0, stored: 0, dropped: 0, pending: 0 };

  constructor(private readonly opts: TrackingRecorderOptions) {
    this.flushMs = opts.flushMs ?? 50;
    this.maxBatch = opts.maxBatch ?? 500;
    this.log = opts.logger ?? console;
  }

  /** Queues a hit and returns at once; never throws, never waits for the database. */
  accept(hit: TrackingHit): void {
    this.queue.push(hit);
    this.stats.accepted++;
    this.stats.pending = this.queue.length;
    if (this.queue.length >= this.maxBatch) this.schedule(0);
    else this.schedule(this.flushMs);
  }

  /** Registers a listener called after each committed batch; returns the unsubscribe function. */
  onRecorded(listener: RecordedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes everything queued so far (and whatever arrives meanwhile) and resolves when it is committed. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.running || this.queue.length > 0) {
      if (this.running) await this.running;
      else await this.runOnce();
    }
  }

  /** Drains the queue; later hits are still accepted and flushed by a later flush()/close(). */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private schedule(delay: number) {
    if (this.running) return; // the running flush re-arms itself when it finishes
    if (this.timer && delay > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runOnce();
    }, delay);
    // While closing, the pending flush must keep the process alive; otherwise it must not.
    if (!this.closed) this.timer.unref();
  }

  private runOnce(): Promise<void> {
    if (this.running) return this.running;
    const batch = this.queue.splice(0, this.maxBatch);
    this.stats.pending = this.queue.length;
    if (batch.length === 0) return Promise.resolve();
    this.running = this.write(batch)
      .then(
        () => {
          this.failures = 0;
        },
        (err: unknown) => {
          // Put the batch back in front and retry later; after repeated failures, give up on this batch.
          this.failures++;
          if (this.failures <= 5) {
            this.queue.unshift(...batch);
            this.log.error(`tracking: writing ${batch.length} events failed (attempt ${this.failures}), retrying`, err);
          } else {
            this.stats.dropped += batch.length;
            this.failures = 0;
            this.log.error(`tracking: dropped ${batch.length} events after repeated write failures`, err);
          }
        },
      )
      .finally(() => {
        this.running = null;
        this.stats.pending = this.queue.length;
        if (this.queue.length > 0)
          this.schedule(this.failures > 0 ? 200 * this.failures : this.queue.length >= this.maxBatch ? 0 : this.flushMs);
      });
    return this.running;
  }

  private async loadSends(ids: string[]): Promise<Map<string, SendInfo>> {
    const out = new Map<string, SendInfo>();
    const missing: string[] = [];
    for (const id of ids) {
      const hit = this.sendCache.get(id);
      if (hit) out.set(id, hit);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const rows = await this.opts.db
        .select({
          id: sendJobs.id,
          workspaceId: sendJobs.workspaceId,
          sentAt: sendJobs.sentAt,
          enrollmentId: sendJobs.enrollmentId,
          stepId: sendJobs.stepId,
          sequenceId: enrollments.sequenceId,
          contactId: enrollments.contactId,
        })
        .from(sendJobs)
        .innerJoin(enrollments, and(eq(enrollments.id, sendJobs.enrollmentId), eq(enrollments.workspaceId, sendJobs.workspaceId)))
        .where(inArray(sendJobs.id, missing));
      for (const r of rows) {
        const info: SendInfo = {
          workspaceId: r.workspaceId,
          sentAt: r.sentAt,
          enrollmentId: r.enrollmentId,
          sequenceId: r.sequenceId,
          stepId: r.stepId,
          contactId: r.contactId,
        };
        out.set(r.id, info);
        // Cache only sent jobs: their facts no longer change.
        if (r.sentAt !== null) {
          if (this.sendCache.size >= SEND_CACHE_MAX) this.sendCache.delete(this.sendCache.keys().next().value!);
          this.sendCache.set(r.id, info);
        }
      }
    }
    return out;
  }

  /**
   * Earlier events the label rules need (counted events of the last hour, machine opens of the last
   * seconds), per send. Kept in memory after the first load so a flush never rescans a busy send's rows;
   * another process recording the same sends is only seen when a send is loaded afresh.
   */
  private async loadRecent(sendIds: string[], earliest: number): Promise<Map<string, EarlierTrackingEvent[]>> {
    const out = new Map<string, EarlierTrackingEvent[]>();
    const missing: string[] = [];
    for (const id of sendIds) {
      const cached = this.recent.get(id);
      if (cached) {
        // Refresh LRU position.
        this.recent.delete(id);
        this.recent.set(id, cached);
        out.set(id, cached);
      } else missing.push(id);
    }
    if (missing.length > 0) {
      const rows = await this.opts.db
        .select({
          sendJobId: trackingEvents.sendJobId,
          kind: trackingEvents.kind,
          label: trackingEvents.label,
          ipKey: trackingEvents.ipHash,
          occurredAt: trackingEvents.occurredAt,
        })
        .from(trackingEvents)
        .where(
          and(
            inArray(trackingEvents.sendJobId, missing),
            gte(trackingEvents.occurredAt, earliest - HOUR),
            or(eq(trackingEvents.label, "human"), and(eq(trackingEvents.kind, "open"), gte(trackingEvents.occurredAt, earliest - MACHINE_WINDOW_MS))),
          ),
        )
        .orderBy(trackingEvents.occurredAt);
      for (const id of missing) out.set(id, []);
      for (const r of rows) remember(out.get(r.sendJobId)!, r);
      for (const id of missing) {
        if (this.recent.size >= RECENT_MAX) this.recent.delete(this.recent.keys().next().value!);
        this.recent.set(id, out.get(id)!);
      }
    }
    return out;
  }

  private async write(batch: TrackingHit[]): Promise<void> {
    const { db, ipSecret, appleRanges } = this.opts;
    const sendIds = [...new Set(batch.map((h) => h.sendJobId))];
    const sends = await this.loadSends(sendIds);
    const known = sendIds.filter((id) => sends.has(id));

    const earlier = await this.loadRecent(known, Math.min(...batch.map((h) => h.occurredAt)));

    const events: RecordedTrackingEvent[] = [];
    const rows: (typeof trackingEvents.$inferInsert)[] = [];
    const timeline: (typeof timelineEvents.$inferInsert)[] = [];
    let dropped = 0;
    for (const hit of batch) {
      const send = sends.get(hit.sendJobId);
      if (!send || (hit.link && hit.link.workspaceId !== send.workspaceId)) {
        dropped++;
        continue;
      }
      const ipKey = hashIp(hit.ip, ipSecret);
      const previous = earlier.get(hit.sendJobId)!;
      const { label, reason } = labelTrackingEvent({
        kind: hit.kind,
        method: hit.method,
        userAgent: hit.userAgent,
        ip: hit.ip,
        ipKey,
        headers: hit.headers,
        sentAt: send.sentAt,
        now: hit.occurredAt,
        appleRanges,
        earlierEvents: previous,
      });
      remember(previous, { kind: hit.kind, label, ipKey, occurredAt: hit.occurredAt });
      const id = newId("te", hit.occurredAt);
      const event: RecordedTrackingEvent = {
        id,
        workspaceId: send.workspaceId,
        sendJobId: hit.sendJobId,
        enrollmentId: send.enrollmentId,
        sequenceId: send.sequenceId,
        stepId: send.stepId,
        contactId: send.contactId,
        kind: hit.kind,
        label,
        reason,
        counted: label === "human",
        linkId: hit.link?.id ?? null,
        url: hit.link?.url ?? null,
        buyingSignal: hit.link?.buyingSignal ?? false,
        occurredAt: hit.occurredAt,
      };
      events.push(event);
      rows.push({
        id,
        workspaceId: send.workspaceId,
        sendJobId: hit.sendJobId,
        contactId: send.contactId,
        kind: hit.kind,
        label,
        reason,
        linkId: event.linkId,
        ipHash: ipKey,
        userAgent: hit.userAgent ? hit.userAgent.slice(0, 300) : null,
        occurredAt: hit.occurredAt,
      });
      timeline.push({
        id: newId("tl", hit.occurredAt),
        workspaceId: send.workspaceId,
        contactId: send.contactId,
        type: hit.kind,
        actor: "system:tracking",
        occurredAt: hit.occurredAt,
        payload: {
          trackingEventId: id,
          sendJobId: hit.sendJobId,
          sequenceId: send.sequenceId,
          stepId: send.stepId,
          label,
          reason,
          counted: event.counted,
          ...(event.url ? { url: event.url, linkId: event.linkId, buyingSignal: event.buyingSignal } : {}),
        },
      });
    }

    if (rows.length > 0) {
      // Until the commit, the recent-events cache may hold events that end up not stored: drop the touched
      // sends from it if the write fails, so the retry reloads them from the database.
      try {
        await db.transaction(async (tx) => {
          for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
            await tx.insert(trackingEvents).values(rows.slice(i, i + ROWS_PER_INSERT));
            await tx.insert(timelineEvents).values(timeline.slice(i, i + ROWS_PER_INSERT));
          }
        });
      } catch (err) {
        for (const id of known) this.recent.delete(id);
        throw err;
      }
    }
    this.stats.stored += rows.length;
    this.stats.dropped += dropped;
    if (events.length > 0) await this.notify(events);
  }

  private async notify(events: RecordedTrackingEvent[]) {
    for (const listener of this.listeners) {
      try {
        await listener(events);
      } catch (err) {
        // A failing subscriber must not lose or re-write committed events.
        this.log.error("tracking: an onRecorded listener failed", err);
      }
    }
  }
}
