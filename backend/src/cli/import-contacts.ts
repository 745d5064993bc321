// pnpm --filter @threadline/backend import-contacts <file.csv> [--workspace ws_…] [--tag t …] [--source s]
//   [--mode update|skip] [--mapping '{"Mail":"email"}'] [--delimiter ';'] [--encoding gb18030]
// Imports into the configured database (DATABASE_URL / DATA_DIR) with a progress bar.
import { SingleBar, Presets } from "cli-progress";
import { createReadStream, statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { importOptionsSchema } from "@threadline/shared/schemas";
import { describeIssues } from "../http/validate";
import { openDatabase } from "../db/client";
import { workspaces } from "../db/schema";
import { databaseOptionsOf, env } from "../env";
import { runImport, startImport } from "../imports/run-import";

const usage =
  "usage: import-contacts <file.csv> [--workspace ws_…] [--tag t]… [--source s] [--mode update|skip] [--mapping JSON] [--delimiter ;] [--encoding utf-8|gb18030]";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    workspace: { type: "string" },
    tag: { type: "string", multiple: true },
    source: { type: "string" },
    mode: { type: "string" },
    mapping: { type: "string" },
    delimiter: { type: "string" },
    encoding: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help || positionals.length !== 1) fail(usage);
const path = resolve(env.INIT_CWD ?? process.cwd(), positionals[0]!);
let size: number;
try {
  size = statSync(path).size;
} catch {
  fail(`Cannot read ${path}.`);
}
const parsed = importOptionsSchema.safeParse({
  mode: values.mode,
  tags: values.tag ?? [],
  source: values.source,
  mapping: values.mapping,
  delimiter: values.delimiter === "\\t" ? "\t" : values.delimiter,
  encoding: values.encoding,
  fileName: path.split("/").pop(),
});
if (!parsed.success) fail(`Invalid option: ${describeIssues(parsed.error.issues).message}\n${usage}`);

const database = await openDatabase(databaseOptionsOf(env));
const all = await database.db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces);
const workspace = values.workspace ? all.find((w) => w.id === values.workspace) : all.length === 1 ? all[0] : undefined;
if (!workspace) {
  fail(
    `${values.workspace ? `No workspace ${values.workspace}.` : "Name the workspace with --workspace."} Workspaces: ${all.map((w) => `${w.id} (${w.name})`).join(", ") || "none"}`,
  );
}

const bar = new SingleBar(
  { format: "{phase} [{bar}] {percentage}% | {value}/{total} {unit}", hideCursor: true },
  Presets.shades_classic,
);
bar.start(size, 0, { phase: "reading ", unit: "bytes" });
const options = parsed.data;
const id = await startImport(database.db, { workspaceId: workspace.id, actorId: null, options, totalBytes: size });
const row = await runImport(database.db, id, {
  workspaceId: workspace.id,
  actorId: null,
  actor: "system:cli",
  options,
  source: createReadStream(path),
  maxBytes: Number.MAX_SAFE_INTEGER,
  // One pass: read, validate and write in batches; the bar follows the bytes read.
  onProgress: (p) => {
    if (p.status === "rolling_back") bar.update({ phase: "rolling back" });
    bar.update(p.bytesRead);
  },
});
if (row.status === "done") bar.update(bar.getTotal());
bar.stop();
database.close();
if (row.status !== "done") fail(`Import ${row.status}, nothing was written: ${row.failure ?? ""}`);
console.log(
  `Import ${row.id}: ${row.rowsRead} rows read, ${row.created} created, ${row.updated} updated, ${row.skipped} skipped, ${row.invalid} invalid.`,
);
if (row.errorReport) {
  const out = resolve(env.INIT_CWD ?? process.cwd(), `import-${row.id}-errors.csv`);
  (await import("node:fs")).writeFileSync(out, row.errorReport);
  console.log(`Rejected rows: ${out}`);
}
