// The tracking recorder as a server process runs it — the all-in-one backend (src/server.ts) and the dedicated
// tracking server (src/tracking-server.ts) start it alike: a write-ahead spool in DATA_DIR, a writer thread (or
// an inline writer with TRACKING_WORKER=false), burst write-behind, and at start the replay of whatever a hard
// crash left in the spool. Each process role has its own spool file and spool id, so both can share DATA_DIR.
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { join } from "node:path";
import type { Database } from "../db/client";
import { databaseOptionsOf, type Env } from "../env";
import { loadPersistedSecret } from "../security/load-signing-secret";
import { loadAppleRanges, resolveAppleRangesPath, watchAppleRanges } from "./load-apple-ranges";
import { TrackingBatchWriter } from "./tracking-batch-writer";
import { TrackingRecorder } from "./tracking-recorder";
import { TrackingSpool } from "./tracking-spool";
import { TrackingWriterThread } from "./tracking-writer-thread";

export type TrackingRole = "server" | "tracking-server";

/**
 * The spool's file and id names in DATA_DIR. The all-in-one server keeps the names it always had (its file is no
 * longer JSON lines, but a spool an earlier version left behind at a crash is still found and replayed).
 */
const spoolNames: Record<TrackingRole, { file: string; id: string }> = {
  server: { file: "tracking-spool.ndjson", id: "tracking-spool-id" },
  "tracking-server": { file: "tracking-server-spool", id: "tracking-server-spool-id" },
};

export async function startTracking(opts: { env: Env; database: Database; signingSecret: string; role: TrackingRole }) {
  const { env, database, signingSecret } = opts;
  const appleCsv = env.APPLE_EGRESS_CSV ?? join(env.DATA_DIR, "apple-egress-ranges.csv");
  const apple = resolveAppleRangesPath(appleCsv);
  const names = spoolNames[opts.role];
  // Write-ahead spool of accepted tracking hits (see tracking-spool.ts): its id names this spool in tracking_spool,
  // also when the database is a shared libSQL server.
  const spoolId = loadPersistedSecret({
    dataDir: env.DATA_DIR,
    name: names.id,
    generate: () => randomBytes(9).toString("base64url"),
  });
  const spool = new TrackingSpool(join(env.DATA_DIR, names.file));

  // TRACKING_WORKER=false: label and write on this thread (the writer thread does the same in its own).
  function inlineWriter() {
    const writer = new TrackingBatchWriter({
      client: database.client,
      appleRanges: loadAppleRanges(appleCsv).ranges,
      ipSecret: signingSecret,
      spoolId,
    });
    watchAppleRanges(appleCsv, (ranges) => writer.setAppleRanges(ranges));
    return writer;
  }
  const recorder = new TrackingRecorder({
    sink: env.TRACKING_WORKER
      ? new TrackingWriterThread({
          database: databaseOptionsOf(env),
          appleCsv,
          ipSecret: signingSecret,
          nice: env.TRACKING_WRITER_NICE,
          backlogMax: env.TRACKING_BACKLOG_MAX,
          spoolId,
        })
      : inlineWriter(),
    flushMs: env.TRACKING_FLUSH_MS,
    maxBatch: env.TRACKING_BATCH_MAX,
    spool,
    ...(env.TRACKING_BURST_RATE > 0
      ? {
          burst: {
            rate: env.TRACKING_BURST_RATE,
            maxDeferMs: env.TRACKING_BURST_MAX_DEFER_MS,
            maxHeld: env.TRACKING_BACKLOG_MAX,
          },
        }
      : {}),
  });

  // Hand-off on intent: a buying-signal click or N human opens creates a task for the owner. Loaded on the first
  // counted event: the dedicated tracking server then loads none of the hand-off rules until they are needed.
  recorder.onRecorded(
    async (events) => {
      const { applyTrackingForHandoff } = await import("../inbound/apply-tracking-for-handoff");
      await applyTrackingForHandoff(database.db, events);
    },
    { countedOnly: true },
  );

  // Hits a hard crash left in the spool uncommitted are written before any new request is answered.
  const committedSeq = Number(
    (await database.client.execute({ sql: "SELECT committed_seq FROM tracking_spool WHERE id = ?", args: [spoolId] })).rows[0]
      ?.committed_seq ?? 0,
  );
  const replayed = await recorder.replaySpool(committedSeq);
  if (replayed > 0) console.log(`tracking: replayed ${replayed} hits from the spool (left by a crash)`);

  /**
   * SIGTERM/SIGINT: stop accepting connections, stop the caller's other loops, write every accepted hit, print
   * the summary line, exit 0 (1 if that took more than 10 s).
   */
  function exitOnSignals(http: Server, stopOthers: () => Promise<unknown> = async () => {}) {
    let closing = false;
    async function shutdown(signal: string) {
      if (closing) return;
      closing = true;
      console.log(`${signal}: closing`);
      setTimeout(() => process.exit(1), 10_000).unref();
      http.close();
      http.closeIdleConnections();
      await stopOthers();
      // Every tracking hit accepted so far is written before exit; then no request can add more.
      await recorder.close();
      http.closeAllConnections();
      await recorder.flush();
      const { accepted, stored, dropped } = recorder.stats;
      console.log(`tracking: ${accepted} hits accepted, ${stored} events stored, ${dropped} dropped`);
      spool.close();
      database.close();
      process.exit(0);
    }
    process.on("SIGINT", () => void shutdown("SIGINT"));
    process.on("SIGTERM", () => void shutdown("SIGTERM"));
  }
  return { recorder, apple, exitOnSignals };
}
