// Starts Threadline's backend: opens the database (migrations applied), seeds the demo on first start,
// and listens on HOST:PORT.
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { openDatabase } from "./db/client";
import { seedDemo } from "./demo/seed-demo";
import { env } from "./env";
import { appConfigFromEnv } from "./app-config-from-env";
import { assertEncryptionKey } from "./mailboxes/assert-encryption-key";
import { createDispatcher } from "./scheduler/dispatcher";
import { inboundClients } from "./inbound/inbound-clients";
import { startInboundLoops } from "./inbound/run-inbound-loops";
import { providerConfig } from "./mailboxes/provider-config";

const database = await openDatabase({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN, dataDir: env.DATA_DIR });
const demo = env.SEED_DEMO ? await seedDemo(database.db, { token: env.THREADLINE_DEMO_TOKEN }) : null;

const config = appConfigFromEnv(env);
// Refuse to start when stored mailbox credentials could not be decrypted.
await assertEncryptionKey(database.db, config.encryptionKey);
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
const app = createApp({
  db: database.db,
  config,
  ...(env.GMAIL_PUSH_TOKEN
    ? { gmailPush: { token: env.GMAIL_PUSH_TOKEN, onPush: (email: string) => inbound?.triggerGmail(email) ?? false } }
    : {}),
});
const dispatcher = env.DISPATCHER_ENABLED
  ? createDispatcher({ db: database.db, client: database.client, config, batchSize: env.DISPATCH_BATCH })
  : null;
dispatcher?.start(env.DISPATCH_INTERVAL_MS);

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  const base = `http://${info.address.includes(":") ? `[${info.address}]` : info.address}:${info.port}`;
  console.log(`Threadline backend listening on ${base}`);
  console.log(`  health:   ${base}/health`);
  console.log(`  API:      ${base}/api/v1   (OpenAPI: ${base}/api/v1/openapi.json)`);
  console.log(`  database: ${env.DATABASE_URL ?? `file:${env.DATA_DIR}/threadline.db`}`);
  console.log(`  dispatcher: ${dispatcher ? "in this process" : "disabled (DISPATCHER_ENABLED=false; run the worker)"}`);
  console.log(
    `  inbound:  ${inbound ? `syncing connected mailboxes every ${env.INBOUND_POLL_SECONDS}s (IMAP: IDLE)` : "disabled (INBOUND_SYNC=false)"}${env.GMAIL_PUSH_TOKEN ? "; Gmail push at /hooks/gmail-push" : ""}`,
  );
  if (demo?.created) {
    console.log(`  demo workspace seeded; demo token: ${demo.token}`);
  } else if (demo) {
    console.log(
      `  demo workspace present; token: ${env.THREADLINE_DEMO_TOKEN ?? "(printed at first start; set THREADLINE_DEMO_TOKEN to fix it)"}`,
    );
  }
  console.log(`  try: curl -H "Authorization: Bearer <token>" "${base}/api/v1/card?email=li.wei@shenzhen-bright.cn"`);
});

let closing = false;
function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`${signal}: closing`);
  server.close(() => {
    void Promise.all([dispatcher?.stop(), inbound?.stop()]).then(() => {
      database.close();
      process.exit(0);
    });
  });
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
