import { parse } from "csv-parse/sync";
import { existsSync, readFileSync } from "node:fs";
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

/** Loads the configured CSV, or the shipped sample when the configured file does not exist. */
export function loadAppleRanges(path: string | undefined): { ranges: IpRangeSet; path: string; sample: boolean } {
  const resolved = resolveAppleRangesPath(path);
  const { cidrs } = parseAppleRangesCsv(readFileSync(resolved.path, "utf8"));
  return { ranges: createIpRangeSet(cidrs), ...resolved };
}
