// Starts the REAL backend (backend/src/server.ts) as a child process on 127.0.0.1 with a free port (also its
// PUBLIC_URL, so tracking pixels point at it), a temporary DATA_DIR and a fixed demo token. Used by the e2e test and
// bench:pane.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface RunningBackend {
  url: string;
  token: string;
  dataDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export const DEMO_TOKEN = "tl_e2e_outlook_demo_token_0123456789";

/** A port free right now on 127.0.0.1 (the backend needs it up front: PUBLIC_URL, the base of pixel URLs, names it). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export async function startBackend(opts: { corsOrigins?: string[]; env?: Record<string, string> } = {}): Promise<RunningBackend> {
  const backendDir = fileURLToPath(new URL("../../../backend/", import.meta.url));
  const dataDir = mkdtempSync(join(tmpdir(), "tl-outlook-e2e-"));
  const port = await freePort();
  const tsx = createRequire(join(backendDir, "package.json")).resolve("tsx/cli");
  const child = spawn(process.execPath, [tsx, "src/server.ts"], {
    cwd: backendDir,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      THREADLINE_DEMO_TOKEN: DEMO_TOKEN,
      SEED_DEMO: "true",
      CORS_ORIGINS: (opts.corsOrigins ?? []).join(","),
      LOG_LEVEL: "warn",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The backend did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The backend exited with code ${code} before listening:\n${output}`));
    });
  });
  return {
    url,
    token: DEMO_TOKEN,
    dataDir,
    process: child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
