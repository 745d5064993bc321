// Starts Threadline's backend: opens the database (migrations applied), seeds the demo on first start,
// starts the tracking recorder and the send dispatcher, and listens on HOST:PORT.
import { serve } from "@hono/node-server";
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { createServerFetch } from "./app";
import { appConfigFromEnv } from "./app-config-from-env";
import { openDatabase } from "./db/client";
import { DEMO_OWNER_EMAIL, seedDemo } from "./demo/seed-demo";
import { databaseOptionsOf, env, httpUrl } from "./env";
import { generateTokenSecret } from "./http/auth";
import { recoverInterruptedImports } from "./imports/rollback-import";
import { loadPersistedSecret } from "./security/load-signing-secret";
import { assertEncryptionKey } from "./mailboxes/assert-encryption-key";
import { createDispatcher } from "./scheduler/dispatcher";
import { inboundClients } from "./inbound/inbound-clients";
import { startInboundLoops } from "./inbound/run-inbound-loops";
import { startTracking } from "./tracking/start-tracking";
import { providerConfig } from "./mailboxes/provider-config";

const database = await openDatabase(databaseOptionsOf(env));
// An import this server was running when it stopped is rolled back (its upload is gone) and marked failed.
const interruptedImports = await recoverInterruptedImports(database.db);
if (interruptedImports > 0) console.log(`Rolled back ${interruptedImports} import(s) interrupted by the last stop.`);
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
const demo = env.SEED_DEMO ? await seedDemo(database.db, { token: demoToken, password: env.THREADLINE_DEMO_PASSWORD }) : null;

const config = appConfigFromEnv(env);
// Refuse to start when stored mailbox credentials could not be decrypted.
await assertEncryptionKey(database.db, config.encryptionKey);

const tracking = await startTracking({ env, database, signingSecret: config.signingSecret, role: "server" });
const { recorder } = tracking;

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
  console: { distDir: env.CONSOLE_DIR },
  ...(env.GMAIL_PUSH_TOKEN
    ? { gmailPush: { token: env.GMAIL_PUSH_TOKEN, onPush: (email: string) => inbound?.triggerGmail(email) ?? false } }
    : {}),
});
const dispatcher = env.DISPATCHER_ENABLED
  ? createDispatcher({ db: database.db, client: database.client, config, batchSize: env.DISPATCH_BATCH })
  : null;
dispatcher?.start(env.DISPATCH_INTERVAL_MS);

const server = serve({ fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  const base = httpUrl(info.address, info.port);
  // The console first: it is where a person starts.
  console.log(
    `Threadline console: ${base}/   ← open this in a browser${existsSync(env.CONSOLE_DIR) ? "" : " (not built: run pnpm build)"}`,
  );
  console.log(`Threadline backend listening on ${base}`);
  console.log(`  health:   ${base}/health`);
  console.log(`  API:      ${base}/api/v1   (OpenAPI: ${base}/api/v1/openapi.json)`);
  console.log(`  database: ${env.DATABASE_URL ?? `file:${env.DATA_DIR}/threadline.db`}`);
  console.log(`  dispatcher: ${dispatcher ? "in this process" : "disabled (DISPATCHER_ENABLED=false; run the worker)"}`);
  console.log(
    `  inbound:  ${inbound ? `syncing connected mailboxes every ${env.INBOUND_POLL_SECONDS}s (IMAP: IDLE)` : "disabled (INBOUND_SYNC=false)"}${env.GMAIL_PUSH_TOKEN ? "; Gmail push at /hooks/gmail-push" : ""}`,
  );
  console.log(`  Apple egress ranges: ${tracking.apple.path}${tracking.apple.sample ? " (shipped sample)" : ""}`);
  if (demo?.workspaceId) {
    console.log(`  demo workspace ${demo.created ? "seeded" : "present"}; demo API token: ${demoToken}`);
  }
  if (demo?.password) {
    // Printed this once: only its hash is kept. Lost? Set THREADLINE_DEMO_PASSWORD on a fresh database.
    console.log(`  demo console sign-in (shown once): ${DEMO_OWNER_EMAIL} / ${demo.password}`);
  }
  console.log(`  try: curl -H "Authorization: Bearer <token>" "${base}/api/v1/card?email=li.wei@shenzhen-bright.cn"`);
});

// SIGTERM/SIGINT: every tracking hit accepted so far is written before exit.
tracking.exitOnSignals(server as Server, () => Promise.all([dispatcher?.stop(), inbound?.stop()]));
