// Durable, non-blocking recording of opens and clicks. A request only pushes a hit onto an in-memory queue
// (no await, no database); a flush loop hands the queue to a sink in batches — every `flushMs` or at
// `maxBatch` hits — which labels and writes each batch in one transaction (tracking_events; the contact's
// timeline reads them from there). In the server the sink is a writer thread at low priority, so neither
// labelling nor libSQL's synchronous file I/O runs on, or competes with, the thread that answers requests.
// `close()` drains everything accepted so far; server.ts calls it on SIGTERM/SIGINT before exiting.
// Bursts: while hits arrive faster than `burst.rate` a second, sealed batches are held (spooled, so durable) and
// written once the burst has passed — or when the oldest has waited `burst.maxDeferMs`, or `burst.maxHeld` hits
// are held. During a flood of pixel fetches the writer's work then never competes with the answers for CPU; at
// ordinary rates nothing is held and an event is stored within about flushMs.
// What a hard crash (SIGKILL, OOM kill) can lose: with a spool (the server always has one), only the hits not
// yet sealed into a batch — at most flushMs of traffic; sealed batches are in the spool and replayed at the next
// start, however far the low-priority writer was behind. Without a spool: everything not yet committed.
import type { BatchWriteResult, RecordedTrackingEvent, TrackingBatchSink, TrackingHit } from "./tracking-batch-writer";
import { HitPacker, type InternRef, type PackedHits } from "./tracking-hit-pack";
import type { TrackingSpool } from "./tracking-spool";

export type { RecordedTrackingEvent, TrackingHit } from "./tracking-batch-writer";

/** What the label rules need from a request (the pixel's route reads them without building a headers object). */
export interface RequestFacts {
  method: string;
  userAgent: string | null;
  ip: string | null;
  /** The purpose headers (lower-case names) as JSON, or null: most requests send none. */
  headersJson: string | null;
}

export type RecordedListener = (events: RecordedTrackingEvent[]) => void | Promise<void>;

export interface TrackingRecorderOptions {
  sink: TrackingBatchSink;
  flushMs?: number;
  maxBatch?: number;
  logger?: Pick<Console, "error" | "warn">;
  /** Write-ahead spool: each batch is appended when sealed, so a hard crash loses no sealed batch. */
  spool?: TrackingSpool;
  /** Burst deferral (see the top of this file); off when absent. */
  burst?: BurstOptions;
  /** Clock (tests). */
  now?: () => number;
}

export interface BurstOptions {
  /** Hits per second above which writing waits for the burst to pass. */
  rate: number;
  /** Longest a sealed batch is held. */
  maxDeferMs: number;
  /** Most hits held. */
  maxHeld: number;
}

/** The arrival rate is counted in windows of this length; a burst has passed after at most two quiet windows. */
const RATE_WINDOW_MS = 200;

export interface TrackingRecorderStats {
  accepted: number;
  stored: number;
  /** Hits whose send job does not exist (valid signature, deleted send): answered, not stored. */
  dropped: number;
  pending: number;
  /** Times writing was put off because a burst was under way. */
  burstHolds: number;
}

const MAX_ATTEMPTS = 5;

export class TrackingRecorder {
  /** Sealed batches waiting for the sink (a failed batch goes back in front), then the one being filled. */
  private sealed: { seq: number; hits: PackedHits; sealedAt: number }[] = [];
  private nextSeq = 1;
  private current: HitPacker;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private listeners = new Map<RecordedListener, { countedOnly: boolean }>();
  private closing = false;
  private failures = 0;
  private readonly flushMs: number;
  private readonly maxBatch: number;
  private readonly log: Pick<Console, "error" | "warn">;
  private readonly now: () => number;
  /** Hits accepted in the current and the previous rate window. */
  private windowStart = 0;
  private windowHits = 0;
  private lastWindowHits = 0;
  /** > 0 while flush()/close() drain: nothing is held then. */
  private draining = 0;
  readonly stats: TrackingRecorderStats = { accepted: 0, stored: 0, dropped: 0, pending: 0, burstHolds: 0 };

  constructor(private readonly opts: TrackingRecorderOptions) {
    this.flushMs = opts.flushMs ?? 50;
    this.maxBatch = opts.maxBatch ?? 500;
    this.log = opts.logger ?? console;
    this.now = opts.now ?? Date.now;
    this.current = new HitPacker(this.maxBatch);
  }

  private get queued(): number {
    let n = this.current.count;
    for (const b of this.sealed) n += b.hits.count;
    return n;
  }

  /** Queues a hit and returns at once; never throws, never waits for the database. */
  accept(hit: TrackingHit): void {
    this.current.add(hit);
    this.accepted(hit.occurredAt);
  }

  /** accept(), from a request's facts (the pixel's path: no hit object is built). */
  acceptFacts(
    kind: TrackingHit["kind"],
    sendJobId: string | InternRef,
    facts: RequestFacts,
    occurredAt: number,
    link?: TrackingHit["link"],
  ): void {
    this.current.addFields(kind, sendJobId, facts.method, facts.userAgent, facts.ip, facts.headersJson, occurredAt, link);
    this.accepted(occurredAt);
  }

  private accepted(occurredAt: number) {
    if (this.opts.burst) this.count(occurredAt);
    this.stats.accepted++;
    this.stats.pending++;
    if (this.current.full) {
      this.sealCurrent();
      this.schedule(0);
    } else this.schedule(this.flushMs);
  }

  /** Counts a hit into the rate windows; `at` is the hit's time (a clock going back starts a new window). */
  private count(at: number) {
    const gap = at - this.windowStart;
    if (gap >= RATE_WINDOW_MS || gap < 0) {
      // The window before this one, or nothing if more than one window passed without a hit (or time went back).
      this.lastWindowHits = gap >= 0 && gap < 2 * RATE_WINDOW_MS ? this.windowHits : 0;
      this.windowStart = at;
      this.windowHits = 0;
    }
    this.windowHits++;
  }

  /** Whether the next sealed batch should wait: a burst is under way and the limits allow holding it. */
  private holdBack(): boolean {
    const burst = this.opts.burst;
    if (!burst || this.draining > 0 || this.sealed.length === 0) return false;
    const now = this.now();
    // The rate over the last complete window (the current one is still filling); none after a quiet window.
    const recent = now - this.windowStart < 2 * RATE_WINDOW_MS ? Math.max(this.lastWindowHits, this.windowHits) : 0;
    if ((recent * 1000) / RATE_WINDOW_MS <= burst.rate) return false;
    if (now - this.sealed[0]!.sealedAt >= burst.maxDeferMs) return false;
    return this.queued < burst.maxHeld;
  }

  /** Closes the batch being filled: numbered, spooled, queued for the sink. */
  private sealCurrent() {
    if (this.current.count === 0) return;
    const hits = this.current.seal();
    this.current = new HitPacker(this.maxBatch);
    const seq = this.nextSeq++;
    this.opts.spool?.append(seq, hits);
    this.sealed.push({ seq, hits, sealedAt: this.now() });
  }

  /**
   * At start: queues the spooled batches a crash left uncommitted (those after `committedSeq`) and writes them;
   * resolves with the number of hits replayed. New batches are numbered after them.
   */
  async replaySpool(committedSeq: number): Promise<number> {
    const spool = this.opts.spool;
    if (!spool) return 0;
    const pending = spool.pending(committedSeq);
    let hits = 0;
    for (const batch of pending) {
      this.sealed.push({ ...batch, sealedAt: this.now() });
      hits += batch.hits.count;
    }
    this.stats.pending += hits;
    this.nextSeq = Math.max(committedSeq, ...pending.map((b) => b.seq)) + 1;
    await this.flush();
    spool.reset(); // committed, or nothing was pending
    return hits;
  }

  /**
   * Registers a listener called after each committed batch; returns the unsubscribe function. With
   * `countedOnly` it gets only the counted (human) events — the hand-off rules read nothing else — and when
   * every listener says so, the sink sends back only those: at pixel rates most events are machine opens and
   * duplicates, and copying them back across threads for nobody would be wasted work on the request thread.
   */
  onRecorded(listener: RecordedListener, opts: { countedOnly?: boolean } = {}): () => void {
    this.listeners.set(listener, { countedOnly: opts.countedOnly ?? false });
    return () => this.listeners.delete(listener);
  }

  private wanted(): "all" | "counted" | "none" {
    if (this.listeners.size === 0) return "none";
    for (const { countedOnly } of this.listeners.values()) if (!countedOnly) return "all";
    return "counted";
  }

  /** Writes everything queued so far (and whatever arrives meanwhile); resolves when it is committed. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.draining++;
    try {
      while (this.running || this.queued > 0) {
        if (this.running) await this.running;
        else await this.runOnce();
      }
    } finally {
      this.draining--;
    }
  }

  /** Drains the queue and closes the sink. */
  async close(): Promise<void> {
    this.closing = true;
    await this.flush();
    await this.opts.sink.close();
  }

  private schedule(delay: number, replace = false) {
    // Also while a batch is being written: the timer seals (and spools) the batch being filled on time.
    if (this.timer && delay > 0 && !replace) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sealCurrent();
      void this.runOnce();
    }, delay);
    // Pending hits must not keep an idle process alive (tests, scripts); shutdown drains via close().
    if (!this.closing) this.timer.unref();
  }

  private runOnce(): Promise<void> {
    if (this.running) return this.running;
    if (this.sealed.length === 0) this.sealCurrent();
    if (this.holdBack()) {
      // Held, not dropped: look again after flushMs (the timer also seals and spools the batch being filled).
      this.stats.burstHolds++;
      this.schedule(this.flushMs, true);
      return Promise.resolve();
    }
    const next = this.sealed.shift();
    if (!next) return Promise.resolve();
    const { seq, hits: batch } = next;
    this.running = this.opts.sink
      .write(batch, {
        wantEvents: this.wanted(),
        backlog: this.stats.pending,
        ...(this.opts.spool ? { spoolSeq: seq } : {}),
      })
      .then(
        (result) => this.committed(batch, result),
        (err: unknown) => {
          // Put the batch back in front and retry; after repeated failures, give up on this batch.
          this.failures++;
          // A closed database cannot come back: retrying would only repeat the error.
          const closed = (err as { code?: string } | null)?.code === "CLIENT_CLOSED";
          if (this.failures < MAX_ATTEMPTS && !closed) {
            this.sealed.unshift(next);
            this.log.error(`tracking: writing ${batch.count} events failed (attempt ${this.failures}), retrying`, err);
          } else {
            this.stats.dropped += batch.count;
            this.stats.pending -= batch.count;
            this.failures = 0;
            this.log.error(
              `tracking: dropped ${batch.count} events (${closed ? "database closed" : `${MAX_ATTEMPTS} failed writes`})`,
              err,
            );
          }
        },
      )
      .finally(() => {
        this.running = null;
        // Everything accepted is committed: the spool has nothing left to protect.
        if (this.queued === 0) this.opts.spool?.reset();
        if (this.queued > 0) {
          this.schedule(this.failures > 0 ? 200 * this.failures : this.sealed.length > 0 ? 0 : this.flushMs);
        }
      });
    return this.running;
  }

  private async committed(batch: PackedHits, result: BatchWriteResult) {
    this.failures = 0;
    this.stats.pending -= batch.count;
    this.stats.stored += result.stored;
    this.stats.dropped += result.dropped;
    if (result.events.length === 0) return;
    for (const [listener, { countedOnly }] of this.listeners) {
      const events = countedOnly ? result.events.filter((e) => e.counted) : result.events;
      if (events.length === 0) continue;
      try {
        await listener(events);
      } catch (err) {
        // A failing subscriber must not lose or re-write committed events.
        this.log.error("tracking: an onRecorded listener failed", err);
      }
    }
  }
}
