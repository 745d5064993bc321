// Child process for the crash drill and the dispatch benchmark: runs the real dispatcher against a database file
// until killed (or, with --until-empty, until no work is left). Prints "ready" once the database is open.
import { openDatabase } from "../db/client";
import { createDispatcher } from "../scheduler/dispatcher";

const [dbPath, owner, batch, lease, untilEmpty, pace] = process.argv.slice(2);
const paceMs = Number(pace ?? 0);
const database = await openDatabase({ url: `file:${dbPath}` });
const dispatcher = createDispatcher({
  db: database.db,
  client: database.client,
  config: { publicUrl: "http://127.0.0.1:8787", signingSecret: "drill-signing-secret-0123456789abcdef", encryptionKey: null },
  owner,
  batchSize: Number(batch ?? 50),
  leaseMs: Number(lease ?? 2000),
  sendLeaseMs: Number(lease ?? 2000),
  log: () => {},
});
process.stdout.write("ready\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
let idle = 0;
for (;;) {
  const s = await dispatcher.runOnce();
  if (s.claimed === 0) {
    if (untilEmpty === "1") {
      const left = Number(
        (await database.client.execute("SELECT count(*) AS n FROM send_jobs WHERE status NOT IN ('sent','failed','cancelled')"))
          .rows[0]?.n ?? 0,
      );
      if (left === 0 && ++idle > 2) break;
    }
    await new Promise((r) => setTimeout(r, 20));
  } else {
    idle = 0;
    // The crash drill slows the workers down so that kills land while work is in flight.
    if (paceMs) await new Promise((r) => setTimeout(r, paceMs));
  }
}
database.close();
process.exit(0);
