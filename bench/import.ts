// bench:import — rows/s of the CSV contact import (one pass: parse, validate, write in short batches) on a
// generated file, against a baseline in the same run: csv-parse alone reading the same file.
// pnpm bench:import [-- --rows 100000]   (the machine is shared: keep it modest)
import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../backend/src/db/client";
import { runImport, startImport } from "../backend/src/imports/run-import";
import { createWorkspaceWithOwner } from "../backend/src/repo/workspaces";
import { importOptionsSchema } from "../shared/src/schemas/import";
import { writeContactsCsv } from "./contacts-csv";

// bench/ has no dependencies of its own: csv-parse is the backend's.
const { parse } = createRequire(new URL("../backend/package.json", import.meta.url))("csv-parse") as {
  parse: (options: { bom: boolean }) => NodeJS.ReadWriteStream;
};

const { values } = parseArgs({ options: { rows: { type: "string", default: "100000" } } });
const rows = Number(values.rows);
const dir = mkdtempSync(join(tmpdir(), "bench-import-"));
const file = join(dir, "contacts.csv");

async function baseline(): Promise<number> {
  const start = performance.now();
  let n = 0;
  for await (const _ of createReadStream(file).pipe(parse({ bom: true }))) n++;
  const s = (performance.now() - start) / 1000;
  return (n - 1) / s;
}

await writeContactsCsv(file, rows);
const size = statSync(file).size;
console.log(`generated ${rows} rows, ${(size / 1024 / 1024).toFixed(1)} MB`);
const parseRate = await baseline();
console.log(`baseline csv-parse only: ${Math.round(parseRate)} rows/s`);

const database = await openDatabase({ dataDir: join(dir, "data") });
const ws = await createWorkspaceWithOwner(database.db, { name: "Bench", ownerEmail: "o@bench.example", ownerName: "O" });
const options = importOptionsSchema.parse({ tags: "trade-show:bench", source: "bench" });
const heapBefore = process.memoryUsage().heapUsed;
let peakHeap = heapBefore;
const start = performance.now();
const id = await startImport(database.db, { workspaceId: ws.workspaceId, actorId: null, options, totalBytes: size });
const row = await runImport(database.db, id, {
  workspaceId: ws.workspaceId,
  actorId: null,
  actor: "system:bench",
  options,
  source: createReadStream(file),
  maxBytes: Number.MAX_SAFE_INTEGER,
  onProgress: () => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  },
});
const seconds = (performance.now() - start) / 1000;
database.close();
rmSync(dir, { recursive: true, force: true });
if (row.status !== "done" || row.created !== rows) throw new Error(`import did not finish: ${row.status} ${row.failure}`);
const rate = rows / seconds;
console.log(`import (file libSQL, WAL): ${rows} rows in ${seconds.toFixed(1)} s = ${Math.round(rate)} rows/s`);
console.log(`ratio import / parse-only: ${(rate / parseRate).toFixed(3)}`);
console.log(
  `heap growth during import: ${((peakHeap - heapBefore) / 1024 / 1024).toFixed(0)} MB (file ${(size / 1024 / 1024).toFixed(0)} MB)`,
);
console.log(
  `RESULT ${JSON.stringify({ rows, rows_per_s: Math.round(rate), parse_only_rows_per_s: Math.round(parseRate), ratio: Number((rate / parseRate).toFixed(3)) })}`,
);
