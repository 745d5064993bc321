import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { appleRangesSamplePath, loadAppleRanges } from "./load-apple-ranges";
import { refreshAppleRanges } from "./refresh-apple-ranges";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "apple-ranges-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("Apple egress ranges", () => {
  test("the shipped sample loads when the configured file does not exist", () => {
    const loaded = loadAppleRanges(join(tempDir(), "missing.csv"));
    expect(loaded).toMatchObject({ path: appleRangesSamplePath, sample: true });
    expect(loaded.ranges.size).toBeGreaterThan(5);
    expect(loaded.ranges.rejected).toBe(0);
    expect(loaded.ranges.has("172.224.224.3")).toBe(true);
    expect(loaded.ranges.has("2a02:26f7:b3c0:4000::9")).toBe(true);
  });

  test("refresh validates a local file and installs it at the configured path", () => {
    const dir = tempDir();
    const source = join(dir, "download.csv");
    const target = join(dir, "data", "apple-egress-ranges.csv");
    writeFileSync(source, "198.51.100.0/24,US,US-CA,San Jose,\n2001:db8:5::/48,DE,DE-BE,Berlin,\n");
    expect(refreshAppleRanges({ source, target })).toEqual({ rows: 2, rejected: 0 });
    expect(readFileSync(target, "utf8")).toBe(readFileSync(source, "utf8"));
    const loaded = loadAppleRanges(target);
    expect(loaded.sample).toBe(false);
    expect(loaded.ranges.has("198.51.100.77")).toBe(true);
    expect(loaded.ranges.has("172.224.224.3")).toBe(false);
  });

  test.each([
    ["an empty file", ""],
    ["an HTML error page", "<html><body>Service unavailable</body></html>\n"],
  ])("refresh refuses %s and leaves the installed list alone", (_name, text) => {
    const dir = tempDir();
    const source = join(dir, "bad.csv");
    const target = join(dir, "installed.csv");
    writeFileSync(target, "198.51.100.0/24,US,,,\n");
    writeFileSync(source, text);
    expect(() => refreshAppleRanges({ source, target })).toThrow();
    expect(readFileSync(target, "utf8")).toBe("198.51.100.0/24,US,,,\n");
  });
});
