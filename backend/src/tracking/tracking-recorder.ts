// Durable, non-blocking recording of opens and clicks. A request only pushes a hit onto an in-memory queue
// (no await, no database); a flush loop hands the queue to a sink in batches — every `flushMs` or at
// `maxBatch` hits — which labels and writes each batch in one transaction (tracking_events; the contact's
// timeline reads them from there). In the server the sink is a writer thread at low priority, so neither
// labelling nor libSQL's synchronous file I/O runs on, or competes with, the thread that answers requests.
// `close()` drains everything accepted so far; server.ts calls it on SIGTERM/SIGINT before exiting.
// What a hard crash (SIGKILL, OOM kill, power loss) can lose: the hits accepted and not yet committed, since
// they exist only in memory until then. With spare CPU that is about flushMs (50 ms) of traffic plus the
// batch being written; during a burst that keeps the CPU busy, the low-priority writer falls behind and the
// backlog — everything since the burst began, bounded by TRACKING_BACKLOG_MAX — is what a crash would lose.
import type { BatchWriteResult, RecordedTrackingEvent, TrackingBatchSink, TrackingHit } from "./tracking-batch-writer";
import { HitPacker, type PackedHits } from "./tracking-hit-pack";

export type { RecordedTrackingEvent, TrackingHit } from "./tracking-batch-writer";

export type RecordedListener = (events: RecordedTrackingEvent[]) => void | Promise<void>;

export interface TrackingRecorderOptions {
  sink: TrackingBatchSink;
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

const MAX_ATTEMPTS = 5;

export class TrackingRecorder {
  /** Sealed batches waiting for the sink (a failed batch goes back in front), then the one being filled. */
  private sealed: PackedHits[] = [];
  private current: HitPacker;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private listeners = new Map<RecordedListener, { countedOnly: boolean }>();
  private closing = false;
  private failures = 0;
  private readonly flushMs: number;
  private readonly maxBatch: number;
  private readonly log: Pick<Console, "error" | "warn">;
  readonly stats: TrackingRecorderStats = { accepted: 0, stored: 0, dropped: 0, pending: 0 };

  constructor(private readonly opts: TrackingRecorderOptions) {
    this.flushMs = opts.flushMs ?? 50;
    this.maxBatch = opts.maxBatch ?? 500;
    this.log = opts.logger ?? console;
    this.current = new HitPacker(this.maxBatch);
  }

  private get queued(): number {
    let n = this.current.count;
    for (const b of this.sealed) n += b.count;
    return n;
  }

  /** Queues a hit and returns at once; never throws, never waits for the database. */
  accept(hit: TrackingHit): void {
    this.current.add(hit);
    this.stats.accepted++;
    this.stats.pending++;
    if (this.current.full) {
      this.sealed.push(this.current.seal());
      this.current = new HitPacker(this.maxBatch);
      this.schedule(0);
    } else this.schedule(this.flushMs);
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
    while (this.running || this.queued > 0) {
      if (this.running) await this.running;
      else await this.runOnce();
    }
  }

  /** Drains the queue and closes the sink. */
  async close(): Promise<void> {
    this.closing = true;
    await this.flush();
    await this.opts.sink.close();
  }

  private schedule(delay: number) {
    if (this.running) return; // the running batch re-arms the timer when it finishes
    if (this.timer && delay > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runOnce();
    }, delay);
    // Pending hits must not keep an idle process alive (tests, scripts); shutdown drains via close().
    if (!this.closing) this.timer.unref();
  }

  private runOnce(): Promise<void> {
    if (this.running) return this.running;
    let next = this.sealed.shift();
    if (!next && this.current.count > 0) {
      next = this.current.seal();
      this.current = new HitPacker(this.maxBatch);
    }
    if (!next) return Promise.resolve();
    const batch = next;
    this.running = this.opts.sink
      .write(batch, { wantEvents: this.wanted(), backlog: this.stats.pending })
      .then(
        (result) => this.committed(batch, result),
        (err: unknown) => {
          // Put the batch back in front and retry; after repeated failures, give up on this batch.
          this.failures++;
          // A closed database cannot come back: retrying would only repeat the error.
          const closed = (err as { code?: string } | null)?.code === "CLIENT_CLOSED";
          if (this.failures < MAX_ATTEMPTS && !closed) {
            this.sealed.unshift(batch);
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
