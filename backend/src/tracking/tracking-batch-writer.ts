// Labels a batch of tracking hits and writes it in one transaction to tracking_events (the contact's timeline
// reads them from there: repo/tracking-timeline-sql.ts). Plain SQL through the libSQL client (drizzle's
// builder cost ~5x the insert itself at 500 rows), so it can run on the main thread (tests, :memory:) or in the
// writer thread (tracking-writer-thread.ts).
import type { Client, InStatement } from "@libsql/client";
import type { IpRangeSet } from "@threadline/shared/domain/create-ip-range-set";
import {
  labelTrackingEvent,
  machineLabels,
  type EarlierTrackingEvent,
  type TrackingKind,
  type TrackingLabel,
} from "@threadline/shared/domain/label-tracking-event";
import { randomBytes } from "node:crypto";
import { hashIp } from "./hash-ip";
import { unpackHits, type PackedHits } from "./tracking-hit-pack";

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
  /** Null (with sequenceId and stepId) for a hand-inserted template's message (tracked_messages): no sequence. */
  enrollmentId: string | null;
  sequenceId: string | null;
  stepId: string | null;
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

export interface BatchWriteResult {
  /** Events committed. */
  stored: number;
  /** The committed events asked for (`wantEvents`); they cost a copy across threads, so only what listeners read. */
  events: RecordedTrackingEvent[];
  /** Hits whose send job does not exist (or whose link belongs to another workspace). */
  dropped: number;
}

/** Which committed events a write hands back: all, only the counted (human) ones, or none. */
export type WantEvents = "all" | "counted" | "none";

export interface WriteOptions {
  wantEvents?: WantEvents;
  /** Hits accepted and not yet written, this batch included (a sink may adapt to it). */
  backlog?: number;
  /** The batch's number in the write-ahead spool, committed with its rows (see tracking-spool.ts). */
  spoolSeq?: number;
}

/** Anything that can label and store a batch: the inline writer below or the writer thread. */
export interface TrackingBatchSink {
  write(hits: PackedHits, opts?: WriteOptions): Promise<BatchWriteResult>;
  close(): Promise<void>;
}

interface SendInfo {
  workspaceId: string;
  sentAt: number | null;
  /** Null for a tracked message (hand-inserted template): no enrollment, sequence or step. */
  enrollmentId: string | null;
  sequenceId: string | null;
  stepId: string | null;
  contactId: string;
}

const HOUR = 60 * 60 * 1000;
const CACHE_MAX = 20_000;
// Machine opens matter for the "click soon after a bot open" rule only (9 s); keep a margin.
const MACHINE_WINDOW_MS = 15_000;
// SQLite bound-parameter budget per statement, with room to spare.
const ROWS_PER_INSERT = 400;
const IDS_PER_SELECT = 500;

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

function setBounded<V>(map: Map<string, V>, key: string, value: V) {
  if (map.size >= CACHE_MAX && !map.has(key)) map.delete(map.keys().next().value!);
  map.set(key, value);
}

const placeholders = (n: number, cols: number) => {
  const row = `(${Array.from({ length: cols }, () => "?").join(",")})`;
  return Array.from({ length: n }, () => row).join(",");
};

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

let lastMs = 0;
let seq = 0;

/**
 * Ids in the same shape as db/new-id.ts (prefix_ + 9 base36 time chars + 3 chars of a per-process sequence +
 * 9 random chars, so ids of one millisecond keep their order), drawing the randomness for a whole batch with
 * one randomBytes call instead of one per id.
 */
function idSource(count: number) {
  const bytes = randomBytes(count * 9);
  let offset = 0;
  return (prefix: string, now: number) => {
    if (now === lastMs) seq = (seq + 1) % 46656;
    else {
      lastMs = now;
      seq = 0;
    }
    let rand = "";
    for (let i = 0; i < 9; i++) rand += alphabet[bytes[offset++]! % 36];
    return `${prefix}_${now.toString(36).padStart(9, "0")}${seq.toString(36).padStart(3, "0")}${rand}`;
  };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Writes tracking_events rows (TRACKING_COLUMNS order) and the spool mark in one transaction: all or none. */
export type TrackingRowInserter = (rows: TrackingRow[], mark?: SpoolMark) => Promise<void> | void;
export interface SpoolMark {
  spoolId: string;
  seq: number;
}

export const SPOOL_MARK_SQL =
  "INSERT INTO tracking_spool (id, committed_seq) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET committed_seq = excluded.committed_seq";
export type TrackingRow = (string | number | null)[];

export const TRACKING_COLUMNS =
  "id, workspace_id, send_job_id, contact_id, kind, label, reason, link_id, ip_hash, user_agent, occurred_at";

/** Through the libSQL client (any target: file, :memory:, server): multi-row INSERTs in one write batch. */
export function clientTrackingInserter(client: Client): TrackingRowInserter {
  return async (rows, mark) => {
    const statements: InStatement[] = chunks(rows, ROWS_PER_INSERT).map((part) => ({
      sql: `INSERT INTO tracking_events (${TRACKING_COLUMNS}) VALUES ${placeholders(part.length, 11)}`,
      args: part.flat(),
    }));
    if (mark) statements.push({ sql: SPOOL_MARK_SQL, args: [mark.spoolId, mark.seq] });
    if (statements.length > 0) await client.batch(statements, "write");
  };
}

export interface TrackingBatchWriterOptions {
  client: Client;
  /** How rows are written (default: through `client`); the writer thread passes a local file's own connection. */
  insert?: TrackingRowInserter;
  /** This server's spool id (tracking_spool.id): each spooled batch's number is committed with its rows. */
  spoolId?: string;
  appleRanges: IpRangeSet;
  /** Key for hashing client networks (the app's signing secret). */
  ipSecret: string;
}

export class TrackingBatchWriter implements TrackingBatchSink {
  private recent = new Map<string, EarlierTrackingEvent[]>();
  private ipHashes = new Map<string, string | null>();
  private appleRanges!: IpRangeSet;
  private readonly insert: TrackingRowInserter;

  constructor(private readonly opts: TrackingBatchWriterOptions) {
    this.insert = opts.insert ?? clientTrackingInserter(opts.client);
    this.setAppleRanges(opts.appleRanges);
  }

  /** Replaces Apple's ranges (a refreshed CSV) for the batches written from now on. */
  setAppleRanges(ranges: IpRangeSet) {
    // The same addresses come back again and again (proxies, offices): remember range lookups per address.
    const seen = new Map<string, boolean>();
    this.appleRanges = {
      size: ranges.size,
      rejected: ranges.rejected,
      has: (ip) => {
        let hit = seen.get(ip);
        if (hit === undefined) {
          hit = ranges.has(ip);
          setBounded(seen, ip, hit);
        }
        return hit;
      },
    };
  }

  async close() {}

  private hash(ip: string | null): string | null {
    if (!ip) return null;
    let h = this.ipHashes.get(ip);
    if (h === undefined) {
      h = hashIp(ip, this.opts.ipSecret);
      setBounded(this.ipHashes, ip, h);
    }
    return h;
  }

  /**
   * The sends (or tracked messages) of a batch, read for every batch — not cached: a contact deleted or erased
   * meanwhile takes its sends with it, and a later fetch of an old pixel must then be dropped, not stored.
   */
  private async loadSends(ids: string[]): Promise<Map<string, SendInfo>> {
    const out = new Map<string, SendInfo>();
    const text = (v: unknown) => (v === null ? null : String(v));
    for (const part of chunks(ids, IDS_PER_SELECT)) {
      const marks = part.map(() => "?").join(",");
      // A pixel id is a send job's or a tracked message's (hand-inserted template: no enrollment, sent time unknown).
      const rs = await this.opts.client.execute({
        sql: `SELECT s.id, s.workspace_id, s.sent_at, s.enrollment_id, s.step_id, e.sequence_id, e.contact_id
              FROM send_jobs s JOIN enrollments e ON e.id = s.enrollment_id AND e.workspace_id = s.workspace_id
              WHERE s.id IN (${marks})
              UNION ALL
              SELECT m.id, m.workspace_id, NULL, NULL, NULL, NULL, m.contact_id
              FROM tracked_messages m WHERE m.id IN (${marks})`,
        args: [...part, ...part],
      });
      for (const r of rs.rows) {
        const info: SendInfo = {
          workspaceId: String(r.workspace_id),
          sentAt: r.sent_at === null ? null : Number(r.sent_at),
          enrollmentId: text(r.enrollment_id),
          stepId: text(r.step_id),
          sequenceId: text(r.sequence_id),
          contactId: String(r.contact_id),
        };
        out.set(String(r.id), info);
      }
    }
    return out;
  }

  /**
   * Earlier events the label rules need, per send. Kept in memory after the first load so a flush never
   * rescans a busy send's rows; another process recording the same sends is seen when a send is reloaded.
   */
  private async loadRecent(ids: string[], earliest: number): Promise<Map<string, EarlierTrackingEvent[]>> {
    const out = new Map<string, EarlierTrackingEvent[]>();
    const missing = ids.filter((id) => {
      const cached = this.recent.get(id);
      if (cached) out.set(id, cached);
      return !cached;
    });
    for (const part of chunks(missing, IDS_PER_SELECT)) {
      for (const id of part) out.set(id, []);
      const rs = await this.opts.client.execute({
        sql: `SELECT send_job_id, kind, label, ip_hash, occurred_at FROM tracking_events
              WHERE send_job_id IN (${part.map(() => "?").join(",")}) AND occurred_at >= ?
                AND (label = 'human' OR (kind = 'open' AND occurred_at >= ?))
              ORDER BY occurred_at`,
        args: [...part, earliest - HOUR, earliest - MACHINE_WINDOW_MS],
      });
      for (const r of rs.rows) {
        remember(out.get(String(r.send_job_id))!, {
          kind: r.kind as TrackingKind,
          label: r.label as TrackingLabel,
          ipKey: r.ip_hash === null ? null : String(r.ip_hash),
          occurredAt: Number(r.occurred_at),
        });
      }
      for (const id of part) setBounded(this.recent, id, out.get(id)!);
    }
    return out;
  }

  async write(packed: PackedHits, opts: WriteOptions = {}): Promise<BatchWriteResult> {
    return this.writeHits(unpackHits(packed), opts);
  }

  async writeHits(batch: TrackingHit[], opts: WriteOptions = {}): Promise<BatchWriteResult> {
    const sendIds = [...new Set(batch.map((h) => h.sendJobId))];
    const sends = await this.loadSends(sendIds);
    const known = sendIds.filter((id) => sends.has(id));
    const earliest = batch.reduce((m, h) => Math.min(m, h.occurredAt), Infinity);
    const earlier = await this.loadRecent(known, earliest);

    const newId = idSource(batch.length);
    const events: RecordedTrackingEvent[] = [];
    const eventArgs: TrackingRow[] = [];
    let dropped = 0;
    for (const hit of batch) {
      const send = sends.get(hit.sendJobId);
      if (!send || (hit.link && hit.link.workspaceId !== send.workspaceId)) {
        dropped++;
        continue;
      }
      const ipKey = this.hash(hit.ip);
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
        appleRanges: this.appleRanges,
        earlierEvents: previous,
      });
      remember(previous, { kind: hit.kind, label, ipKey, occurredAt: hit.occurredAt });
      const event: RecordedTrackingEvent = {
        id: newId("te", hit.occurredAt),
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
      eventArgs.push([
        event.id,
        event.workspaceId,
        event.sendJobId,
        event.contactId,
        event.kind,
        label,
        reason,
        event.linkId,
        ipKey,
        hit.userAgent ? hit.userAgent.slice(0, 300) : null,
        event.occurredAt,
      ]);
    }

    const mark =
      opts.spoolSeq !== undefined && this.opts.spoolId ? { spoolId: this.opts.spoolId, seq: opts.spoolSeq } : undefined;
    if (events.length > 0 || mark) {
      try {
        // One batch = one write transaction: all of the batch (and its spool mark) or none of it.
        await this.insert(eventArgs, mark);
      } catch (err) {
        // The recent-events cache already holds this batch: forget those sends so a retry reloads them.
        for (const id of known) this.recent.delete(id);
        throw err;
      }
    }
    const want = opts.wantEvents ?? "all";
    const handed = want === "all" ? events : want === "counted" ? events.filter((e) => e.counted) : [];
    return { stored: events.length, events: handed, dropped };
  }
}
