// bench:tracking — the open pixel with recording vs a bare Hono route serving the same GIF.
// The servers run as child processes on 127.0.0.1 (temp database); autocannon runs here, in this process.
// Env: BENCH_CONNECTIONS (50), BENCH_DURATION (10 s), BENCH_SENDS (200 distinct send jobs / tokens).
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../backend/src/db/client";
import { createWorkspaceWithOwner } from "../backend/src/repo/workspaces";
import { signToken } from "../backend/src/security/sign-token";
import { seedSends } from "../backend/src/testing/seed-sends";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const duration = Number(process.env.BENCH_DURATION ?? 10);
const sendCount = Number(process.env.BENCH_SENDS ?? 200);
// Unmeasured load first, so both servers are past start-up (JIT, tsx compile, writer thread) when measured.
const warmup = Number(process.env.BENCH_WARMUP ?? 2);
const secret = "bench-signing-secret-0123456789abcdef";
const backendDir = new URL("../backend", import.meta.url).pathname;
const userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Microsoft Outlook 16.0.17328; Pro";

function start(
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      "--import",
      "tsx",
      ...args,
    ],
    {
      cwd: backendDir,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      output += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) resolve({ child, base: m[1]!, output: () => output });
    });
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => reject(new Error(`${args.join(" ")} exited (${code}):\n${output}`)));
  });
}

/** CPU time (ms, all threads) a child process has used so far, from /proc (Linux); null elsewhere. */
function cpuMs(child: ChildProcess): number | null {
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    // utime and stime are fields 14 and 15 of stat(5); index 11 and 12 after the ") " split. Ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** CPU time (ms) per thread of a child process, by thread name (Linux); empty elsewhere. */
function threadCpuMs(child: ChildProcess): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync(`/proc/${child.pid}/task`)) {
      const stat = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.split(") ")[1]!.split(" ");
      out.set(`${name}#${tid}`, (Number(fields[11]) + Number(fields[12])) * 10);
      out.set(`${name}#${tid}.sys`, Number(fields[12]) * 10);
    }
  } catch {
    /* not Linux */
  }
  return out;
}

/** Server CPU per answered request (µs): unlike req/s, not skewed by other processes on a shared machine. */
async function measured<T extends { requests: { total: number } }>(child: ChildProcess, run: () => Promise<T>) {
  const before = cpuMs(child);
  const threadsBefore = threadCpuMs(child);
  const result = await run();
  const after = cpuMs(child);
  const threadsAfter = threadCpuMs(child);
  const perThread = [...threadsAfter]
    .map(([name, ms]) => [name, Math.round(((ms - (threadsBefore.get(name) ?? 0)) * 1000) / result.requests.total)] as const)
    .filter(([, us]) => us > 0);
  console.log(`  server CPU per request by thread (µs): ${perThread.map(([n, us]) => `${n} ${us}`).join(", ")}`);
  const cpuUs = before === null || after === null ? null : Math.round(((after - before) * 1000) / result.requests.total);
  return { result, cpuUs };
}

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.on("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });

function load(opts: { url: string; requests?: { path: string }[]; duration?: number }) {
  return autocannon({
    url: opts.url,
    connections,
    duration: opts.duration ?? duration,
    headers: { "user-agent": userAgent },
    ...(opts.requests ? { requests: opts.requests.map((r) => ({ method: "GET" as const, path: r.path })) } : {}),
  });
}

const dataDir = mkdtempSync(join(tmpdir(), "bench-tracking-"));
try {
  // A workspace with `sendCount` sent messages, each with its own valid pixel token.
  const database = await openDatabase({ dataDir });
  const ws = await createWorkspaceWithOwner(database.db, { name: "Bench", ownerEmail: "o@bench.example", ownerName: "O" });
  const seed = seedSends(database.db, ws.workspaceId);
  const seq = await seed.sequence({ name: "Bench", steps: [{}] });
  const tokens: string[] = [];
  for (let i = 0; i < sendCount; i++) {
    const contactId = await seed.contact({ email: `buyer${i}@bench.example` });
    const enrollmentId = await seed.enrollment({ contactId, sequenceId: seq.id, createdAt: Date.now() - 86_400_000 });
    const sendJobId = await seed.send({ enrollmentId, stepId: seq.stepIds[0]!, sentAt: Date.now() - 3_600_000 });
    tokens.push(signToken({ secret, purpose: "open", id: sendJobId }));
  }
  database.close();

  console.log(
    `load average before the run: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} (${cpus().length} cores; other processes skew absolute figures)`,
  );
  console.log(`bench:tracking — c=${connections}, ${duration} s per run after ${warmup} s warm-up, ${sendCount} tokens`);

  const bare = await start(["../bench/tracking-bare-server.ts"], {});
  await load({ url: `${bare.base}/t/o/bare.gif`, duration: warmup });
  const { result: bareResult, cpuUs: bareCpuUs } = await measured(bare.child, () => load({ url: `${bare.base}/t/o/bare.gif` }));
  await stop(bare.child);

  const server = await start(["src/server.ts"], {
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    PORT: "0",
    HOST: "127.0.0.1",
    SEED_DEMO: "false",
    DISPATCHER_ENABLED: "false",
    SIGNING_SECRET: secret,
  });
  const requests = tokens.map((t) => ({ path: `/t/o/${t}.gif` }));
  const warm = await load({ url: server.base, requests, duration: warmup });
  // Includes the writer thread: the whole cost of recording, wherever it runs.
  const { result: pixelResult, cpuUs: pixelCpuUs } = await measured(server.child, () => load({ url: server.base, requests }));
  const exitCode = await stop(server.child);
  const shutdownLine = /tracking: (\d+) hits accepted, (\d+) events stored, (\d+) dropped/.exec(server.output());
  // Requests the server answered (warm-up included): every valid pixel request is accepted, then answered
  // synchronously. The client's count is lower by the requests in flight when autocannon stopped (≤ c per run).
  const serverAnswered = Number(shutdownLine?.[1] ?? NaN);

  const check = await openDatabase({ dataDir });
  // Raw SQL through the backend's client: this folder has no drizzle-orm of its own.
  const rows = async (table: string) => Number((await check.client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
  const rowCount = await rows("tracking_events");
  const timelineCount = await rows("timeline_events");
  check.close();

  const reqS = Math.round(pixelResult.requests.average);
  const bareReqS = Math.round(bareResult.requests.average);
  const ratio = Number((reqS / bareReqS).toFixed(3));
  const answered = serverAnswered;
  const clientAnswered = warm["2xx"] + pixelResult["2xx"];
  console.log(`bare Hono GIF route:   ${bareReqS} req/s, p99 ${bareResult.latency.p99} ms, ${bareResult["2xx"]} answered`);
  console.log(
    `pixel with recording:  ${reqS} req/s, p99 ${pixelResult.latency.p99} ms, ${pixelResult["2xx"]} answered, ` +
      `${pixelResult.non2xx} non-2xx, ${pixelResult.errors} errors`,
  );
  console.log(
    `answered: ${answered} by the server, ${clientAnswered} received by autocannon ` +
      `(${answered - clientAnswered} in flight when it stopped; ≤ c=${connections} per run; warm-up included)`,
  );
  console.log(`ratio ${ratio} (budget ≥ 0.8), p99 ${pixelResult.latency.p99} ms (budget ≤ 10 ms)`);
  if (bareCpuUs !== null && pixelCpuUs !== null) {
    console.log(
      `server CPU per request: bare ${bareCpuUs} µs, pixel with recording ${pixelCpuUs} µs (incl. writer thread) → ` +
        `CPU-normalised ratio ${(bareCpuUs / pixelCpuUs).toFixed(3)}`,
    );
  }
  console.log(
    `stored after SIGTERM flush: ${rowCount} tracking events, ${timelineCount} timeline events ` +
      `(server said ${shutdownLine?.[2] ?? "?"} stored, ${shutdownLine?.[3] ?? "?"} dropped; exit ${exitCode}); answered ${answered} → ${rowCount === answered ? "stored = answered" : "MISMATCH"}`,
  );
  console.log(
    `RESULT ${JSON.stringify({ req_s: reqS, bare_req_s: bareReqS, ratio, p99_ms: pixelResult.latency.p99, stored: rowCount, answered })}`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
