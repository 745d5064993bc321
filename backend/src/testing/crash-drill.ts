// Crash drill: P dispatcher processes send N due steps to the outbox while one of them is SIGKILLed at random
// points K times (and restarted). Afterwards every step must have been sent exactly once.
import { spawn, type ChildProcess } from "node:child_process";
import { buildSync } from "esbuild";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../db/client";
import { countOutcome, seedDueSteps } from "./seed-due-steps";

const backendDir = new URL("../..", import.meta.url).pathname;

/**
 * Bundles a worker entry once (esbuild, dependencies external) so each restart is a plain `node` start: with tsx
 * every restart recompiled the sources, which dominated the drill on a busy 2-core machine.
 */
function externals(): string[] {
  const pkg = JSON.parse(readFileSync(join(backendDir, "package.json"), "utf8")) as Record<string, Record<string, string>>;
  return Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) => !d.startsWith("@threadline/"));
}

export function bundleWorker(entry: string, outDir: string): string {
  const outfile = join(outDir, entry.replace(/^.*\//, "").replace(/\.ts$/, ".mjs"));
  buildSync({
    entryPoints: [new URL(`./${entry}`, import.meta.url).pathname],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // node_modules stay external (resolved from backend/node_modules); the workspace's TypeScript is bundled.
    external: externals(),
    outfile,
    logLevel: "error",
  });
  return outfile;
}

export function startDrillWorker(script: string, args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script, ...args], { cwd: backendDir, stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("ready")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`drill worker exited (${code}) before it was ready`)));
  });
}

export async function runCrashDrill(opts: {
  steps: number;
  kills: number;
  processes?: number;
  batch?: number;
  random?: () => number;
  log?: (m: string) => void;
}) {
  const processes = opts.processes ?? 2;
  const random = opts.random ?? Math.random;
  const dir = mkdtempSync(join(tmpdir(), "threadline-crash-"));
  const dbPath = join(dir, "drill.db");
  // The bundle sits two levels below backend/: bare imports resolve from backend/node_modules and the
  // migrations folder (../../drizzle from the module) is found.
  mkdirSync(join(backendDir, ".drill"), { recursive: true });
  const script = bundleWorker("drill-worker.ts", mkdtempSync(join(backendDir, ".drill", "w-")));
  const database = await openDatabase({ url: `file:${dbPath}` });
  await seedDueSteps(database.db, database.client, opts.steps);
  const batch = opts.batch ?? 10;
  // Pace the workers so the work lasts about as long as the kills take (~200 ms apart).
  const pace = Math.max(5, Math.round((opts.kills * 200 * processes) / Math.max(1, opts.steps / batch)));
  const workers: (ChildProcess | null)[] = [];
  let generation = 0;
  const spawnWorker = async (i: number) => {
    workers[i] = null;
    const w = await startDrillWorker(script, [dbPath, `w${i}g${generation++}`, String(batch), "1500", "0", String(pace)]);
    w.stdin!.write("go\n");
    workers[i] = w;
  };
  let kills = 0;
  try {
    const first = await Promise.all(
      Array.from({ length: processes }, (_v, i) =>
        startDrillWorker(script, [dbPath, `w${i}g0`, String(batch), "1500", "0", String(pace)]),
      ),
    );
    first.forEach((w, i) => (workers[i] = w));
    for (const w of first) w.stdin!.write("go\n");
    const restarts: Promise<void>[] = [];
    while (kills < opts.kills && (await countOutcome(database.client)).open > 0) {
      await new Promise((r) => setTimeout(r, 30 + Math.floor(random() * 250)));
      const running = workers.map((w, i) => (w ? i : -1)).filter((i) => i >= 0);
      if (running.length === 0) continue;
      const i = running[Math.floor(random() * running.length)]!;
      const w = workers[i]!;
      const exited = new Promise((r) => w.once("exit", r));
      w.kill("SIGKILL");
      await exited;
      kills++;
      opts.log?.(`kill ${kills}: worker ${i}`);
      restarts.push(spawnWorker(i));
    }
    await Promise.all(restarts);
    // Let the survivors (and the restarted) finish, including leases left by the killed ones.
    const deadline = Date.now() + 300_000;
    while ((await countOutcome(database.client)).open > 0) {
      if (Date.now() > deadline) throw new Error("crash drill: work not finished within 300 s");
      await new Promise((r) => setTimeout(r, 200));
    }
    const outcome = await countOutcome(database.client);
    return { kills, steps: outcome.steps, duplicates: outcome.duplicates, lost: outcome.lost, prevented: outcome.prevented };
  } finally {
    for (const w of workers) w?.kill("SIGKILL");
    database.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(script.slice(0, script.lastIndexOf("/")), { recursive: true, force: true });
  }
}
