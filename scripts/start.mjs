// `pnpm start` after the build: runs the backend and the Outlook add-in server side by side. The backend is the main
// job: if the add-in server cannot start (its port is taken, its certificate cannot be read …) that is reported with
// what to do, and the backend keeps running. Only the backend's exit ends `pnpm start` (with its exit code);
// Ctrl-C / SIGTERM is passed to both, so each flushes and closes as it does when run alone.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const addinPort = process.env.ADDIN_PORT || "3443";

/**
 * Runs a package's entry with its own tsx (what its `start` script does, minus the pnpm process in between, so
 * signals reach it directly), prefixing each output line with the service's name as pnpm --parallel did.
 */
function run(name, dir, entry) {
  const cwd = join(root, dir);
  const tsx = createRequire(join(cwd, "package.json")).resolve("tsx/cli");
  const child = spawn(process.execPath, [tsx, entry], {
    cwd,
    env: process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const prefix = (stream, out) => {
    let rest = "";
    stream.on("data", (chunk) => {
      const lines = (rest + chunk.toString()).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) out.write(`${name} | ${line}\n`);
    });
    stream.on("end", () => rest && out.write(`${name} | ${rest}\n`));
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  return child;
}

const backend = run("backend", "backend", "src/server.ts");
const addin = run("outlook-addin", "outlook-addin", "scripts/serve.ts");
let stopping = false;

addin.on("exit", (code, signal) => {
  if (stopping || code === 0) return;
  console.error(
    `outlook-addin | The Outlook add-in server stopped (${signal ?? `exit code ${code}`}); the backend and the console keep running.\n` +
      `outlook-addin | If port ${addinPort} is taken by another program, start with another one: ADDIN_PORT=3444 pnpm start\n` +
      "outlook-addin | (then sideload the manifest that start writes, which points at the new port).",
  );
});

backend.on("exit", (code, signal) => {
  if (!stopping) console.error(`backend | The backend stopped (${signal ?? `exit code ${code}`}).`);
  stopping = true;
  if (addin.exitCode === null && addin.signalCode === null) addin.kill("SIGTERM");
  process.exitCode = code ?? (signal ? 1 : 0);
});

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    stopping = true;
    for (const child of [backend, addin]) if (child.exitCode === null && child.signalCode === null) child.kill(sig);
  });
}
