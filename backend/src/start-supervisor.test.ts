// `pnpm start`'s supervisor (scripts/start.mjs) as a real child process: when the Outlook add-in's port is taken the
// add-in server fails, the message says what to do, and the backend keeps serving; SIGTERM ends both cleanly.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";

const rootDir = new URL("../..", import.meta.url).pathname;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A port held by "another program" for the duration of the test. */
async function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => server.close());
  return { port: (server.address() as { port: number }).port, server };
}

function startSupervisor(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), "threadline-start-"));
  const addinDir = mkdtempSync(join(tmpdir(), "threadline-start-addin-"));
  const child: ChildProcess = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: rootDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      ADDIN_DATA_DIR: addinDir,
      DATABASE_URL: "",
      PORT: "0",
      TRACKING_PORT: "0",
      HOST: "127.0.0.1",
      SEED_DEMO: "false",
      DISPATCHER_ENABLED: "false",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  cleanups.push(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(addinDir, { recursive: true, force: true });
  });
  const waitFor = (re: RegExp, ms = 60_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const started = Date.now();
      const tick = () => {
        const m = re.exec(output);
        if (m) return resolve(m);
        if (child.exitCode !== null) return reject(new Error(`supervisor exited ${child.exitCode}:\n${output}`));
        if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${re}:\n${output}`));
        setTimeout(tick, 100);
      };
      tick();
    });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, waitFor, exited, output: () => output };
}

test("the add-in's port taken: the add-in server reports it with ADDIN_PORT advice and the backend keeps serving", async () => {
  const { port } = await occupiedPort();
  const s = startSupervisor({ ADDIN_PORT: String(port) });
  const [, url] = await s.waitFor(/backend \| .*listening on (http:\/\/127\.0\.0\.1:\d+)/);
  await s.waitFor(/The Outlook add-in server stopped .*the backend and the console keep running/);
  expect(s.output()).toMatch(/outlook-addin \| .*EADDRINUSE/);
  expect(s.output()).toMatch(new RegExp(`port ${port} is taken .*ADDIN_PORT=`));
  // Still serving after the add-in's failure.
  const health = await fetch(`${url}/health`);
  expect(health.status).toBe(200);
  s.child.kill("SIGTERM");
  expect(await s.exited).toBe(0);
}, 120_000);

test("the backend's own port taken ends pnpm start with a non-zero code and stops the add-in server", async () => {
  const { port } = await occupiedPort();
  const free = await occupiedPort();
  free.server.close();
  const s = startSupervisor({ PORT: String(port), ADDIN_PORT: String(free.port) });
  expect(await s.exited).not.toBe(0);
  expect(s.output()).toMatch(/backend \| The backend stopped/);
}, 120_000);
