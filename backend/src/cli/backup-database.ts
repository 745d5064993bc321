// pnpm --filter @threadline/backend backup <file>    — a consistent online copy of the embedded database (the server
//                                                       may keep running); prints the row counts of the copy.
// pnpm --filter @threadline/backend restore <file>   — replaces the embedded database with a backup (stop the
//                                                       server first); prints the restored row counts.
import { join, resolve } from "node:path";
import { backupDatabase, restoreDatabase } from "../db/backup-database";
import { env } from "../env";

const [command, file] = process.argv.slice(2);
if ((command !== "backup" && command !== "restore") || !file) {
  console.error("usage: backup <file> | restore <file>");
  process.exit(1);
}
const url = env.DATABASE_URL;
if (url && !url.startsWith("file:")) {
  console.error(
    `DATABASE_URL is ${url.split(":")[0]}: — back up a libSQL server with its own tools; this copies the embedded file.`,
  );
  process.exit(1);
}
const database = url ? url.slice("file:".length) : join(env.DATA_DIR, "threadline.db");
const path = resolve(env.INIT_CWD ?? process.cwd(), file);
try {
  const counts =
    command === "backup"
      ? await backupDatabase({ source: database, target: path })
      : await restoreDatabase({ backup: path, target: database });
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`${command === "backup" ? `Backed up ${database} to ${path}` : `Restored ${path} into ${database}`}: ${rows} rows`);
  console.log(JSON.stringify(counts));
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
