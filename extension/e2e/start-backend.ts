// Starts the real Threadline backend as a child process on 127.0.0.1 (free port, temporary DATA_DIR).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface RunningBackend {
  url: string;
  dataDir: string;
  /** Stops the process; the data directory stays until `dispose()` (a restart can reuse it). */
  stop(): Promise<void>;
  dispose(): Promise<void>;
  request(path: string, init?: RequestInit): Promise<Response>;
}

const defaultBackendDir = fileURLToPath(new URL("../../backend/", import.meta.url));

export async function startBackend(opts: {
  token: string;
  corsOrigins: string[];
  dataDir?: string;
  backendDir?: string;
  /** Default true: the demo workspace. false: an empty database (the console's first-run setup). */
  seedDemo?: boolean;
  /** The demo owner's console password (THREADLINE_DEMO_PASSWORD); otherwise a random one is printed. */
  demoPassword?: string;
}): Promise<RunningBackend> {
  const backendDir = opts.backendDir ?? defaultBackendDir;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "threadline-e2e-"));
  const tsxCli = createRequire(join(backendDir, "package.json")).resolve("tsx/cli");
  const child: ChildProcess = spawn(process.execPath, [tsxCli, "src/server.ts"], {
    cwd: backendDir,
    env: {
      NODE_ENV: "production",
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      THREADLINE_DEMO_TOKEN: opts.token,
      CORS_ORIGINS: opts.corsOrigins.join(","),
      SEED_DEMO: opts.seedDemo === false ? "false" : "true",
      ...(opts.demoPassword ? { THREADLINE_DEMO_PASSWORD: opts.demoPassword } : {}),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m?.[1]) resolve(m[1]);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    child.once("exit", (code) => reject(new Error(`backend exited with ${code}:\n${output}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return {
    url,
    dataDir,
    stop,
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    request: (path, init) =>
      fetch(`${url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${opts.token}`, "content-type": "application/json", ...(init?.headers ?? {}) },
      }),
  };
}
