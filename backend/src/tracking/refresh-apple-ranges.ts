// Installs a new copy of Apple's egress-ip-ranges.csv from a local file (downloaded by an operator):
// validated, then written atomically to the configured APPLE_EGRESS_CSV path. A running server reloads it within
// a few seconds (watchAppleRanges).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { createIpRangeSet } from "@threadline/shared/domain/create-ip-range-set";
import { parseAppleRangesCsv } from "./load-apple-ranges";

export function refreshAppleRanges(input: { source: string; target: string }): { rows: number; rejected: number } {
  const text = readFileSync(input.source, "utf8");
  const { cidrs } = parseAppleRangesCsv(text);
  const set = createIpRangeSet(cidrs);
  if (set.size === 0) throw new Error(`${input.source} holds no CIDR rows; expected Apple's egress-ip-ranges.csv format.`);
  if (set.rejected > set.size / 100) {
    throw new Error(`${input.source}: ${set.rejected} of ${cidrs.length} rows are not CIDR ranges; refusing to install it.`);
  }
  mkdirSync(dirname(input.target), { recursive: true });
  const tmp = join(dirname(input.target), `.apple-egress-${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, input.target);
  return { rows: set.size, rejected: set.rejected };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { env } = await import("../env");
  const source = process.argv[2];
  if (!source) {
    console.error("usage: pnpm --filter @threadline/backend tracking:refresh-apple-ranges <egress-ip-ranges.csv>");
    process.exit(2);
  }
  const target = env.APPLE_EGRESS_CSV ?? join(env.DATA_DIR, "apple-egress-ranges.csv");
  try {
    const { rows, rejected } = refreshAppleRanges({ source, target });
    console.log(
      `Installed ${rows} Apple egress ranges (${rejected} invalid rows skipped) at ${target}. A running server picks them up within a few seconds.`,
    );
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
