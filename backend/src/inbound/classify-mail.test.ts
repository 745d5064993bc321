import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { classifyMail } from "./classify-mail";

const backendDir = fileURLToPath(new URL("../../", import.meta.url));

test("the CLI prints one JSON line per file, with relative paths read from where pnpm was called", async () => {
  const { stdout } = await promisify(execFile)(
    fileURLToPath(new URL("node_modules/.bin/tsx", `file://${backendDir}`)),
    ["src/inbound/classify-mail.ts", "fixtures/auto-exchange-oof-de.eml", "fixtures/bounce-qmail-hard.eml"],
    { cwd: backendDir, env: { ...process.env, INIT_CWD: fileURLToPath(new URL("./", import.meta.url)) } },
  );
  const lines = stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(lines).toHaveLength(2);
  expect(Object.keys(lines[0]).sort()).toEqual(["evidence", "file", "kind", "returnDate", "status"]);
  expect(lines[0]).toMatchObject({ kind: "auto_reply", returnDate: "2025-03-14", status: null });
  expect(lines[1]).toMatchObject({ kind: "bounce_hard", status: "5.1.1", returnDate: null });
  expect(lines[1].file).toMatch(/fixtures\/bounce-qmail-hard\.eml$/);
});

test("a folder is walked; a missing path is reported, not thrown", async () => {
  const out = [];
  for await (const line of classifyMail(["fixtures", "nope.eml"], fileURLToPath(new URL("./", import.meta.url)))) out.push(line);
  expect(out.filter((l) => l.kind === "error")).toEqual([expect.objectContaining({ file: "nope.eml" })]);
  expect(out.filter((l) => l.kind !== "error").length).toBeGreaterThanOrEqual(40);
});
