// The send dispatcher as its own process: `pnpm --filter @threadline/backend worker`. Any number may run
// against the same database (leases keep them apart). Stops cleanly on SIGINT/SIGTERM.
import { appConfigFromEnv } from "./app-config-from-env";
import { openDatabase } from "./db/client";
import { databaseOptionsOf, env } from "./env";
import { assertEncryptionKey } from "./mailboxes/assert-encryption-key";
import { createDispatcher } from "./scheduler/dispatcher";

const database = await openDatabase(databaseOptionsOf(env));
const config = appConfigFromEnv(env);
await assertEncryptionKey(database.db, config.encryptionKey);
const dispatcher = createDispatcher({ db: database.db, client: database.client, config, batchSize: env.DISPATCH_BATCH });
dispatcher.start(env.DISPATCH_INTERVAL_MS);
console.log(
  `Threadline dispatcher ${dispatcher.owner} running (every ${env.DISPATCH_INTERVAL_MS} ms, batch ${env.DISPATCH_BATCH})`,
);

async function shutdown(signal: string) {
  console.log(`${signal}: stopping dispatcher`);
  await dispatcher.stop();
  database.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
