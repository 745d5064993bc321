import { parse } from "csv-parse/sync";
import { existsSync, readFileSync, stat, statSync } from "node:fs";
import { createIpRangeSet, type IpRangeSet } from "@threadline/shared/domain/create-ip-range-set";

/** The small sample of Apple's egress-ip-ranges.csv shipped with the code (used until a real list is installed). */
export const appleRangesSamplePath = new URL("../../data/apple-egress-sample.csv", import.meta.url).pathname;

/**
 * Reads CIDR prefixes from Apple's `egress-ip-ranges.csv` format (first column = CIDR, then country,
 * region, city, postal; no header). Lines starting with # and blank lines are ignored.
 */
export function parseAppleRangesCsv(text: string): { cidrs: string[] } {
  const rows: string[][] = parse(text, {
    comment: "#",
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  });
  return { cidrs: rows.map((r) => r[0] ?? "").filter(Boolean) };
}

/** The file that will be read: the configured CSV, or the shipped sample while that does not exist. */
export function resolveAppleRangesPath(path: string | undefined): { path: string; sample: boolean } {
  const use = path && existsSync(path) ? path : appleRangesSamplePath;
  return { path: use, sample: use === appleRangesSamplePath };
}

/** The ranges in one CSV file (throws if it cannot be read). */
const readAppleRanges = (path: string): IpRangeSet => createIpRangeSet(parseAppleRangesCsv(readFileSync(path, "utf8")).cidrs);

/** Loads the configured CSV, or the shipped sample when the configured file does not exist. */
export function loadAppleRanges(path: string | undefined): { ranges: IpRangeSet; path: string; sample: boolean } {
  const resolved = resolveAppleRangesPath(path);
  return { ranges: readAppleRanges(resolved.path), ...resolved };
}

/**
 * Watches the configured CSV (polling its stat, so an atomic rename by the refresh command is seen) and hands
 * each new list to `onRanges`; a file that cannot be read or holds no ranges is logged and the old list kept.
 * Returns the function that stops watching.
 *
 * The poll is our own rather than fs.watchFile: watchFile takes its baseline with a first stat on the libuv
 * thread pool, some time after it returns, so a file replaced in between became the baseline and was never
 * reported. Here the baseline is taken synchronously, before this function returns.
 */
export function watchAppleRanges(
  path: string,
  onRanges: (ranges: IpRangeSet) => void,
  opts: { intervalMs?: number; log?: Pick<Console, "log" | "error"> } = {},
): () => void {
  const log = opts.log ?? console;
  type FileState = { mtimeMs: number; ino: number; size: number };
  const absent: FileState = { mtimeMs: 0, ino: 0, size: 0 };
  const stateOf = (s: FileState | undefined): FileState => (s ? { mtimeMs: s.mtimeMs, ino: s.ino, size: s.size } : absent);
  let seen = stateOf(statSync(path, { throwIfNoEntry: false }));
  let polling = false;
  let stopped = false;
  const check = (cur: FileState) => {
    if (cur.mtimeMs === seen.mtimeMs && cur.ino === seen.ino && cur.size === seen.size) return;
    seen = cur;
    if (cur === absent) return; // removed: keep the list in use
    try {
      const ranges = readAppleRanges(path);
      if (ranges.size === 0) throw new Error("no CIDR rows");
      onRanges(ranges);
      log.log(`tracking: reloaded ${ranges.size} Apple egress ranges from ${path}`);
    } catch (err) {
      log.error(
        `tracking: could not reload Apple egress ranges from ${path} (${(err as Error).message}); keeping the previous list`,
      );
    }
  };
  const timer = setInterval(() => {
    if (polling) return;
    polling = true;
    stat(path, (err, st) => {
      polling = false;
      if (stopped) return;
      if (err && err.code !== "ENOENT") return; // unreadable for now (e.g. EACCES): try again next time
      check(stateOf(err ? undefined : st));
    });
  }, opts.intervalMs ?? 2000);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
