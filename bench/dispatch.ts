// bench:dispatch — DISPATCH_STEPS due steps (default 100,000) sent to the outbox by 2 dispatcher processes
// (leased batches, one write transaction per batch phase), against the same work driven by BullMQ delayed jobs on
// a local Redis (2 worker processes, one transaction per job). Prints steps/s for both and the ratio.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../backend/src/db/client";
import { bundleWorker, startDrillWorker } from "../backend/src/testing/crash-drill";
import { enqueueBaselineJobs } from "../backend/src/testing/bullmq-baseline-queue";
import { countOutcome, seedDueSteps } from "../backend/src/testing/seed-due-steps";

const N = Number(process.env.DISPATCH_STEPS ?? 100_000);
const BATCH = Number(process.env.DISPATCH_BENCH_BATCH ?? 500);
const PROCESSES = 2;
const backendDir = new URL("../backend/", import.meta.url).pathname;
mkdirSync(join(backendDir, ".drill"), { recursive: true });
const bundleDir = mkdtempSync(join(backendDir, ".drill", "b-"));
const dispatcherScript = bundleWorker("drill-worker.ts", bundleDir);
const bullmqScript = bundleWorker("bullmq-baseline-worker.ts", bundleDir);
const work = mkdtempSync(join(tmpdir(), "threadline-dispatch-"));

async function waitDone(client: Awaited<ReturnType<typeof openDatabase>>["client"]) {
  for (;;) {
    const left = Number((await client.execute("SELECT count(*) AS n FROM send_jobs WHERE status != 'sent'")).rows[0]?.n ?? 0);
    if (left === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

const children: ChildProcess[] = [];
let redis: ChildProcess | null = null;
try {
  // 1. Threadline dispatcher.
  const dbA = join(work, "dispatcher.db");
  const a = await openDatabase({ url: `file:${dbA}` });
  let t = Date.now();
  await seedDueSteps(a.db, a.client, N);
  console.log(`seeded ${N} due steps in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const workers = await Promise.all(
    Array.from({ length: PROCESSES }, (_v, i) =>
      startDrillWorker(dispatcherScript, [dbA, `d${i}`, String(BATCH), "60000", "1", "0"]),
    ),
  );
  children.push(...workers);
  t = performance.now();
  for (const w of workers) w.stdin!.write("go\n");
  await Promise.all(workers.map((w) => new Promise((r) => w.once("exit", r))));
  await waitDone(a.client);
  const dispatcherSeconds = (performance.now() - t) / 1000;
  const outcomeA = await countOutcome(a.client);
  a.close();
  const stepsPerS = N / dispatcherSeconds;
  console.log(
    `dispatcher: ${N} steps in ${dispatcherSeconds.toFixed(2)} s = ${stepsPerS.toFixed(0)} steps/s (duplicates ${outcomeA.duplicates}, lost ${outcomeA.lost})`,
  );

  // 2. BullMQ baseline on a local Redis (no persistence).
  const port = await freePort();
  redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    redis!.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("Ready to accept connections")) resolve();
    });
    redis!.once("exit", (c) => reject(new Error(`redis-server exited (${c})`)));
  });
  const dbB = join(work, "bullmq.db");
  const b = await openDatabase({ url: `file:${dbB}` });
  await seedDueSteps(b.db, b.client, N);
  const ids = (await b.client.execute("SELECT id FROM send_jobs")).rows.map((r) => String(r.id));
  const delay = 2000;
  const queue = await enqueueBaselineJobs(ids, port, delay);
  await new Promise((r) => setTimeout(r, delay));
  const bworkers = await Promise.all(
    Array.from({ length: PROCESSES }, () => startDrillWorker(bullmqScript, [dbB, String(port), "8"])),
  );
  children.push(...bworkers);
  t = performance.now();
  for (const w of bworkers) w.stdin!.write("go\n");
  await waitDone(b.client);
  const bullmqSeconds = (performance.now() - t) / 1000;
  const outcomeB = await countOutcome(b.client);
  const bullmqPerS = N / bullmqSeconds;
  console.log(
    `bullmq:     ${N} steps in ${bullmqSeconds.toFixed(2)} s = ${bullmqPerS.toFixed(0)} steps/s (duplicates ${outcomeB.duplicates}, lost ${outcomeB.lost})`,
  );
  await queue.close();
  b.close();
  const ratio = stepsPerS / bullmqPerS;
  console.log(`ratio dispatcher / bullmq = ${ratio.toFixed(2)} (budget >= 1.0 with 0 duplicates)`);
  console.log(
    `RESULT ${JSON.stringify({ steps_per_s: Math.round(stepsPerS), bullmq_per_s: Math.round(bullmqPerS), ratio: Number(ratio.toFixed(2)), duplicates: outcomeA.duplicates })}`,
  );
} finally {
  for (const c of children) c.kill("SIGKILL");
  redis?.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
}
process.exit(0);
