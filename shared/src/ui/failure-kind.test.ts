// One failure mapping for every host: the table, and a source check that no host keeps a status→kind map of its own
// (three diverging copies existed: only Outlook read 502–504 as offline, only the console read 429 as invalid).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { failureKindOf } from "./sidebar-api";

describe("failureKindOf", () => {
  test.each([
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "not_found"],
    [400, "invalid"],
    [409, "invalid"],
    [413, "invalid"],
    [415, "invalid"],
    [422, "invalid"],
    [429, "invalid"],
    [502, "offline"],
    [503, "offline"],
    [504, "offline"],
    [500, "http"],
    [418, "http"],
  ] as const)("%i → %s", (status, kind) => {
    expect(failureKindOf(status)).toBe(kind);
  });
});

const repo = join(import.meta.dirname, "../../..");
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === "node_modules" || name === "build" || name === "dist" || name.startsWith(".")) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

test("no host maps HTTP statuses to failure kinds by itself", () => {
  const offenders = ["extension", "outlook-addin/src", "console/src", "shared/src"].flatMap((dir) =>
    sources(join(repo, dir)).filter((file) => {
      const text = readFileSync(file, "utf8");
      // A second mapping names a status next to a kind literal, e.g. `401: "unauthorized"` or `=== 401 ? "unauthorized"`.
      return (
        /\b40[13]\b[\s\S]{0,30}["']unauthorized["']|\b40[13]\b[\s\S]{0,30}["']forbidden["']/.test(text) &&
        file !== join(repo, "shared/src/ui/sidebar-api.ts")
      );
    }),
  );
  expect(offenders.map((f) => f.slice(repo.length + 1))).toEqual([]);
});
