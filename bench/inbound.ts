// bench:inbound — how fast inbound mail is classified and applied.
// 1) MIME parse only (parseRawMessage = mailparser + header map) vs parse + classifyInbound on the 53 realistic fixtures: the classifier's cost
//    relative to the parse it needs anyway. 2) applyInbound end to end (parse, classify, match, decide, one write
//    transaction) into a libSQL file database, per message.
// Sizes: INBOUND_BENCH_ROUNDS (default 20 passes over the fixtures), INBOUND_BENCH_APPLY (default 1000 messages).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { classifyInbound } from "../shared/src/domain/classify-inbound";
import { openDatabase } from "../backend/src/db/client";
import { applyInbound } from "../backend/src/inbound/apply-inbound";
import { parseRawMessage } from "../backend/src/inbound/parse-raw-message";
import { createWorkspaceWithOwner } from "../backend/src/repo/workspaces";
import { seedOutreach } from "../backend/src/testing/seed-outreach";

const rounds = Number(process.env.INBOUND_BENCH_ROUNDS ?? 20);
const applyCount = Number(process.env.INBOUND_BENCH_APPLY ?? 1000);
const dir = new URL("../backend/src/inbound/fixtures/", import.meta.url);
const raws = readdirSync(dir)
  .filter((f) => f.endsWith(".eml"))
  .map((f) => readFileSync(new URL(f, dir)));

// The two variants run alternately, round by round, so JIT warm-up and machine load hit both alike.
async function alternate(variants: Record<string, () => Promise<void>>) {
  const ms: Record<string, number> = Object.fromEntries(Object.keys(variants).map((k) => [k, 0]));
  for (const fn of Object.values(variants)) await fn(); // warm-up
  for (let i = 0; i < rounds; i++) {
    for (const [name, fn] of Object.entries(variants)) {
      const t0 = performance.now();
      await fn();
      ms[name]! += performance.now() - t0;
    }
  }
  const perSec: Record<string, number> = {};
  for (const name of Object.keys(variants)) {
    perSec[name] = Math.round((raws.length * rounds) / (ms[name]! / 1000));
    console.log(`${name.padEnd(32)} ${String(perSec[name]).padStart(8)} msgs/s`);
  }
  return perSec;
}

let kinds = 0;
const perSec = await alternate({
  "parse (baseline)": async () => {
    for (const r of raws) await parseRawMessage(r);
  },
  "parse + classifyInbound": async () => {
    for (const r of raws) kinds += classifyInbound((await parseRawMessage(r)).parsed).kind.length;
  },
});
const parseOnly = perSec["parse (baseline)"]!;
const parseClassify = perSec["parse + classifyInbound"]!;

const dataDir = mkdtempSync(join(tmpdir(), "threadline-bench-inbound-"));
const database = await openDatabase({ dataDir });
const ws = await createWorkspaceWithOwner(database.db, { name: "Bench", ownerEmail: "o@bench.example", ownerName: "O" });
const people = Math.min(applyCount, 500);
const seeded = await seedOutreach(database.db, {
  workspaceId: ws.workspaceId,
  userId: ws.userId,
  emails: Array.from({ length: people }, (_, i) => `p${i}@bench-${i % 50}.example`),
});
const t0 = performance.now();
for (let i = 0; i < applyCount; i++) {
  const p = seeded.people[i % people]!;
  const raw = `From: ${p.email}\r\nTo: anna@threadline-demo.com\r\nSubject: Re: Hello\r\nDate: Tue, 4 Mar 2025 11:00:00 +0000\r\nMessage-ID: <b${i}@x>\r\nIn-Reply-To: ${p.messageId}\r\n\r\nSounds good (${i}).\r\n`;
  await applyInbound(database.db, { workspaceId: ws.workspaceId, mailboxId: seeded.mailboxId, providerId: `b${i}`, raw });
}
const applyMs = performance.now() - t0;
const applyPerSec = Math.round(applyCount / (applyMs / 1000));
console.log(
  `${"applyInbound (file DB)".padEnd(32)} ${String(applyPerSec).padStart(8)} msgs/s  (${applyCount} replies, ${people} enrollments)`,
);
database.close();
rmSync(dataDir, { recursive: true, force: true });

const ratio = parseClassify / parseOnly;
console.log(
  `parse+classify / parse-only throughput = ${ratio.toFixed(2)} (classifier adds ${((1 / ratio - 1) * 100).toFixed(0)}% to the parse)`,
);
if (kinds === 0) console.log("(nothing classified)");
console.log(
  `RESULT ${JSON.stringify({ fixtures: raws.length, rounds, parse_only_per_s: parseOnly, parse_classify_per_s: parseClassify, ratio_vs_parse: Number(ratio.toFixed(3)), apply_per_s: applyPerSec, apply_messages: applyCount })}`,
);
