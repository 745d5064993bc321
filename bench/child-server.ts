// A server of the bench as a child process on 127.0.0.1 (so a stalled event loop in it cannot stall the client that
// measures it), with its resident memory read from /proc. Used by bench:responsive and bench:writes.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

const backendDir = new URL("../backend", import.meta.url).pathname;

export interface ChildServer {
  child: ChildProcess;
  base: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `node --import tsx <args>` in backend/ and resolves with the URL it prints as "listening on <url>". */
export function startChildServer(args: string[], env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: backendDir,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      output += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) resolve({ child, base: m[1]!, output: () => output, stop });
    });
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => reject(new Error(`${args.join(" ")} exited (${code}):\n${output}`)));
  });
}

/** Resident set size of a child process in MB (Linux /proc), NaN elsewhere. */
export function rssMb(child: ChildProcess): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export const summary = (times: number[]) => {
  const s = [...times].sort((a, b) => a - b);
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return { n: s.length, p50: r1(quantile(s, 0.5)), p99: r1(quantile(s, 0.99)), max: r1(s[s.length - 1] ?? Number.NaN) };
};

/** The env of a backend child server on a temp data dir: demo workspace with a known token, no mail loops. */
export function backendEnv(dataDir: string, token: string): Record<string, string> {
  return {
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    SEED_DEMO: "true",
    THREADLINE_DEMO_TOKEN: token,
    INBOUND_SYNC: "false",
    LOG_LEVEL: "warn",
  };
}
