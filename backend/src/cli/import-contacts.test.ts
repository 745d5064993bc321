// The CLI as a person runs it: a child process on a file database, output and exit code checked.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase } from "../db/client";
import { createWorkspaceWithOwner } from "../repo/workspaces";

const backendDir = new URL("../..", import.meta.url).pathname;
let dir: string;
let workspaceId: string;

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "src/cli/import-contacts.ts", ...args],
      { cwd: backendDir, env: { ...process.env, DATA_DIR: join(dir, "data"), INIT_CWD: dir, DATABASE_URL: "" } },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tl-cli-"));
  const database = await openDatabase({ dataDir: join(dir, "data") });
  workspaceId = (await createWorkspaceWithOwner(database.db, { name: "CLI", ownerEmail: "o@cli.example", ownerName: "O" }))
    .workspaceId;
  database.close();
  writeFileSync(join(dir, "fair.csv"), "邮箱,姓名,国家\nli@bright.cn,李伟,中国\nbad-address,X,\nanna@firma.de,Anna,DE\n");
  writeFileSync(join(dir, "gbk.csv"), Buffer.from([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb, 0x0a]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("import-contacts CLI", () => {
  test("imports a file relative to where it was typed, with tags and source, and writes the error report", async () => {
    const r = await run([
      "fair.csv",
      "--workspace",
      workspaceId,
      "--tag",
      "canton-fair-2026",
      "--source",
      "trade-show:canton-fair-2026",
    ]);
    expect(r.stderr).not.toContain("Error");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 rows read, 2 created, 0 updated, 0 skipped, 1 invalid/);
    expect(r.stdout).toContain("Rejected rows:");
    const database = await openDatabase({ dataDir: join(dir, "data") });
    const rows = await database.client.execute("SELECT email, tags, source, country FROM contacts ORDER BY email");
    database.close();
    expect(rows.rows.map((x) => [x.email, x.tags, x.source, x.country])).toEqual([
      ["anna@firma.de", '["canton-fair-2026"]', "trade-show:canton-fair-2026", "DE"],
      ["li@bright.cn", '["canton-fair-2026"]', "trade-show:canton-fair-2026", "CN"],
    ]);
  });

  test.each([
    ["a GBK file", ["gbk.csv", "--workspace"], "GBK/GB18030"],
    ["a missing file", ["nope.csv", "--workspace"], "Cannot read"],
    ["a bad mode", ["fair.csv", "--mode", "merge", "--workspace"], "mode"],
  ])("fails with a clear message on %s", async (_n, args, phrase) => {
    const r = await run([...args, workspaceId]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(phrase);
  });
});
