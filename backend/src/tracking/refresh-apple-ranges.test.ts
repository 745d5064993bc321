import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pbkdf2 } from "node:crypto";
import { afterEach, describe, expect, test } from "vitest";
import { appleRangesSamplePath, loadAppleRanges, watchAppleRanges } from "./load-apple-ranges";
import type { IpRangeSet } from "@threadline/shared/domain/create-ip-range-set";
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

  test("a running server picks up a refreshed file: the watcher hands over the new list, a bad file keeps the old", async () => {
    const dir = tempDir();
    const target = join(dir, "apple-egress-ranges.csv"); // not there yet: the sample is in use
    const lists: IpRangeSet[] = [];
    const errors: string[] = [];
    const stop = watchAppleRanges(target, (r) => lists.push(r), {
      intervalMs: 20,
      log: { log: () => {}, error: (m: string) => errors.push(m) },
    });
    const until = async (cond: () => boolean) => {
      for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(cond()).toBe(true);
    };
    try {
      writeFileSync(join(dir, "download.csv"), "198.51.100.0/24,US,US-CA,Cupertino,\n");
      refreshAppleRanges({ source: join(dir, "download.csv"), target });
      await until(() => lists.length === 1);
      expect(lists[0]!.has("198.51.100.7")).toBe(true);
      expect(lists[0]!.has("172.224.224.3")).toBe(false);
      // Written in place (not through the command) and unparseable: logged, the previous list stays.
      await new Promise((r) => setTimeout(r, 30));
      writeFileSync(target, "# nothing here\n");
      await until(() => errors.length === 1);
      expect(lists).toHaveLength(1);
    } finally {
      stop();
    }
  });

  test("a file replaced right after the watcher starts is picked up, even while the thread pool is busy", async () => {
    const dir = tempDir();
    const target = join(dir, "apple-egress-ranges.csv");
    writeFileSync(target, "198.51.100.0/24,US,,,\n");
    // Occupy every libuv thread-pool thread, so an asynchronous first stat (what fs.watchFile did) could only run after the replacement.
    const poolSize = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
    const busy = Array.from({ length: poolSize }, () => new Promise((r) => pbkdf2("x", "salt", 300_000, 32, "sha256", r)));
    const lists: IpRangeSet[] = [];
    const stop = watchAppleRanges(target, (r) => lists.push(r), {
      intervalMs: 20,
      log: { log: () => {}, error: () => {} },
    });
    try {
      writeFileSync(join(dir, "download.csv"), "203.0.113.0/24,US,,,\n2001:db8:7::/48,DE,,,\n");
      refreshAppleRanges({ source: join(dir, "download.csv"), target });
      await Promise.all(busy);
      for (let i = 0; i < 300 && lists.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(lists).toHaveLength(1);
      expect(lists[0]!.has("203.0.113.9")).toBe(true);
    } finally {
      stop();
    }
  });
});
