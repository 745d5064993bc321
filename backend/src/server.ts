// Starts Threadline's backend: opens the database (migrations applied), seeds the demo on first start,
// starts the tracking recorder and the send dispatcher, and listens on HOST:PORT.
import { serve } from "@hono/node-server";
import type { Server } from "node:http";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { createServerFetch } from "./app";
import { appConfigFromEnv } from "./app-config-from-env";
import { openDatabase } from "./db/client";
import { seedDemo } from "./demo/seed-demo";
import { env } from "./env";
import { generateTokenSecret } from "./http/auth";
import { loadPersistedSecret } from "./security/load-signing-secret";
import { assertEncryptionKey } from "./mailboxes/assert-encryption-key";
import { createDispatcher } from "./scheduler/dispatcher";
import { applyTrackingForHandoff } from "./inbound/apply-tracking-for-handoff";
import { inboundClients } from "./inbound/inbound-clients";
import { startInboundLoops } from "./inbound/run-inbound-loops";
import { providerConfig } from "./mailboxes/provider-config";
import { loadAppleRanges, resolveAppleRangesPath, watchAppleRanges } from "./tracking/load-apple-ranges";
import { TrackingBatchWriter } from "./tracking/tracking-batch-writer";
import { TrackingRecorder } from "./tracking/tracking-recorder";
import { TrackingSpool } from "./tracking/tracking-spool";
import { TrackingWriterThread } from "./tracking/tracking-writer-thread";

const databaseOptions = { url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN, dataDir: env.DATA_DIR };
const database = await openDatabase(databaseOptions);
// The demo owner's token: THREADLINE_DEMO_TOKEN, else one generated once and kept in DATA_DIR/demo-token, so it can
// be printed on every start (turn the demo off with SEED_DEMO=false in production).
const demoToken = env.SEED_DEMO
  ? loadPersistedSecret({
      configured: env.THREADLINE_DEMO_TOKEN,
      dataDir: env.DATA_DIR,
      name: "demo-token",
      generate: generateTokenSecret,
    })
  : undefined;
const demo = env.SEED_DEMO ? await seedDemo(database.db, { token: demoToken }) : null;

const config = appConfigFromEnv(env);
// Refuse to start when stored mailbox credentials could not be decrypted.
await assertEncryptionKey(database.db, config.encryptionKey);

const appleCsv = env.APPLE_EGRESS_CSV ?? join(env.DATA_DIR, "apple-egress-ranges.csv");
const apple = resolveAppleRangesPath(appleCsv);
// Write-ahead spool of accepted tracking hits (see tracking/tracking-spool.ts): its id names this data directory's
// spool in tracking_spool, also when the database is a shared libSQL server.
const spoolId = loadPersistedSecret({
  dataDir: env.DATA_DIR,
  name: "tracking-spool-id",
  generate: () => randomBytes(9).toString("base64url"),
});
const spool = new TrackingSpool(join(env.DATA_DIR, "tracking-spool.ndjson"));

// TRACKING_WORKER=false: label and write on this thread (the writer thread does the same in its own).
function inlineWriter() {
  const writer = new TrackingBatchWriter({
    client: database.client,
    appleRanges: loadAppleRanges(appleCsv).ranges,
    ipSecret: config.signingSecret,
    spoolId,
  });
  watchAppleRanges(appleCsv, (ranges) => writer.setAppleRanges(ranges));
  return writer;
}
const recorder = new TrackingRecorder({
  sink: env.TRACKING_WORKER
    ? new TrackingWriterThread({
        database: databaseOptions,
        appleCsv,
        ipSecret: config.signingSecret,
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

// Inbound mail: one sync loop per connected Gmail / Microsoft / IMAP mailbox (INBOUND_SYNC=false turns it off).
const inbound = env.INBOUND_SYNC
  ? startInboundLoops({
      db: database.db,
      clients: inboundClients({ encryptionKey: config.encryptionKey, providers: providerConfig(config.providers) }),
      pollMs: env.INBOUND_POLL_SECONDS * 1000,
      // A newly connected mailbox starts syncing within one poll interval.
      refreshMs: Math.min(env.INBOUND_POLL_SECONDS * 1000, 60_000),
    })
  : null;
const { fetch } = createServerFetch({
  db: database.db,
  config,
  tracking: { recorder, trustProxy: env.TRUST_PROXY },
  ...(env.GMAIL_PUSH_TOKEN
    ? { gmailPush: { token: env.GMAIL_PUSH_TOKEN, onPush: (email: string) => inbound?.triggerGmail(email) ?? false } }
    : {}),
});
// Hand-off on intent: a buying-signal click or N human opens creates a task for the owner.
recorder.onRecorded((events) => applyTrackingForHandoff(database.db, events).then(() => undefined), { countedOnly: true });
const dispatcher = env.DISPATCHER_ENABLED
  ? createDispatcher({ db: database.db, client: database.client, config, batchSize: env.DISPATCH_BATCH })
  : null;
dispatcher?.start(env.DISPATCH_INTERVAL_MS);

// Hits a hard crash left in the spool uncommitted are written before any new request is answered.
const committedSeq = Number(
  (await database.client.execute({ sql: "SELECT committed_seq FROM tracking_spool WHERE id = ?", args: [spoolId] })).rows[0]
    ?.committed_seq ?? 0,
);
const replayed = await recorder.replaySpool(committedSeq);
if (replayed > 0) console.log(`tracking: replayed ${replayed} hits from the spool (left by a crash)`);

const server = serve({ fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  const base = `http://${info.address.includes(":") ? `[${info.address}]` : info.address}:${info.port}`;
  console.log(`Threadline backend listening on ${base}`);
  console.log(`  health:   ${base}/health`);
  console.log(`  API:      ${base}/api/v1   (OpenAPI: ${base}/api/v1/openapi.json)`);
  console.log(`  database: ${env.DATABASE_URL ?? `file:${env.DATA_DIR}/threadline.db`}`);
  console.log(`  dispatcher: ${dispatcher ? "in this process" : "disabled (DISPATCHER_ENABLED=false; run the worker)"}`);
  console.log(
    `  inbound:  ${inbound ? `syncing connected mailboxes every ${env.INBOUND_POLL_SECONDS}s (IMAP: IDLE)` : "disabled (INBOUND_SYNC=false)"}${env.GMAIL_PUSH_TOKEN ? "; Gmail push at /hooks/gmail-push" : ""}`,
  );
  console.log(`  Apple egress ranges: ${apple.path}${apple.sample ? " (shipped sample)" : ""}`);
  if (demo?.workspaceId) {
    console.log(`  demo workspace ${demo.created ? "seeded" : "present"}; demo API token: ${demoToken}`);
  }
  console.log(`  try: curl -H "Authorization: Bearer <token>" "${base}/api/v1/card?email=li.wei@shenzhen-bright.cn"`);
});

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`${signal}: closing`);
  setTimeout(() => process.exit(1), 10_000).unref();
  const http = server as Server;
  http.close();
  http.closeIdleConnections();
  await Promise.all([dispatcher?.stop(), inbound?.stop()]);
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
