// The real servers as child processes — the all-in-one backend (src/server.ts) and the dedicated tracking server
// (src/tracking-server.ts), which record alike: every tracking hit answered before SIGTERM/SIGINT is in the database
// after exit, while a hard kill loses what was still queued (the documented crash window).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, count, isNotNull, like } from "drizzle-orm";
import { afterEach, describe, expect, test } from "vitest";
import { openDatabase } from "./db/client";
import { trackingEvents } from "./db/schema";
import { exportRows } from "./export/export-rows";
import { createWorkspaceWithOwner } from "./repo/workspaces";
import { signToken } from "./security/sign-token";
import { seedSends } from "./testing/seed-sends";

const backendDir = new URL("..", import.meta.url).pathname;
const secret = "server-test-signing-secret-0123456789";
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function prepare() {
  const dataDir = mkdtempSync(join(tmpdir(), "threadline-server-"));
  dirs.push(dataDir);
  const database = await openDatabase({ dataDir });
  const ws = await createWorkspaceWithOwner(database.db, { name: "W", ownerEmail: "o@w.example", ownerName: "O" });
  const seed = seedSends(database.db, ws.workspaceId);
  const contactId = await seed.contact({ email: "buyer@example.com" });
  const seq = await seed.sequence({ name: "S", steps: [{}] });
  const enrollmentId = await seed.enrollment({ contactId, sequenceId: seq.id, createdAt: Date.now() - 60_000 });
  const sendJobId = await seed.send({ enrollmentId, stepId: seq.stepIds[0]!, sentAt: Date.now() - 60_000 });
  database.close();
  return { dataDir, sendJobId, workspaceId: ws.workspaceId };
}

async function startServer(entry: string, dataDir: string, extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: backendDir,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      PORT: "0",
      TRACKING_PORT: "0",
      HOST: "127.0.0.1",
      SEED_DEMO: "false",
      DISPATCHER_ENABLED: "false",
      SIGNING_SECRET: secret,
      // Nothing is flushed on a timer during the test: only the shutdown flush can store the hits.
      TRACKING_FLUSH_MS: "10000",
      TRACKING_BATCH_MAX: "5000",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`server exited early (${code}): ${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, base, exited, output: () => output };
}

async function countRows(dataDir: string, workspaceId: string) {
  const database = await openDatabase({ dataDir });
  const [events] = await database.db.select({ n: count() }).from(trackingEvents);
  // The opens on the contacts' timeline, read the way the export reads the timeline.
  let timeline = 0;
  for await (const page of exportRows(database.db, workspaceId, "timeline"))
    timeline += page.filter((e) => e.type === "open").length;
  // Read from the real socket and headers: a hashed client network and the user agent on every row.
  const [withRequestFacts] = await database.db
    .select({ n: count() })
    .from(trackingEvents)
    .where(and(isNotNull(trackingEvents.ipHash), like(trackingEvents.userAgent, "Outlook %")));
  database.close();
  return { events: events!.n, timeline, withRequestFacts: withRequestFacts!.n };
}

async function hitPixel(base: string, sendJobId: string, n: number) {
  const url = `${base}/t/o/${signToken({ secret, purpose: "open", id: sendJobId })}.gif`;
  const statuses = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const res = await fetch(url, { headers: { "user-agent": `Outlook ${i}` } });
      await res.arrayBuffer();
      return res.status;
    }),
  );
  expect(statuses.every((s) => s === 200)).toBe(true);
}

describe.each(["src/server.ts", "src/tracking-server.ts"])("%s shutdown", (entry) => {
  test.each([
    ["SIGTERM", "true"],
    ["SIGINT", "true"],
    ["SIGTERM", "false"],
  ] as const)("%s right after the responses (writer thread: %s): every answered hit is stored", async (signal, worker) => {
    const { dataDir, sendJobId, workspaceId } = await prepare();
    const server = await startServer(entry, dataDir, { TRACKING_WORKER: worker });
    await hitPixel(server.base, sendJobId, 300);
    server.child.kill(signal);
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain("tracking: 300 hits accepted, 300 events stored, 0 dropped");
    expect(await countRows(dataDir, workspaceId)).toEqual({ events: 300, timeline: 300, withRequestFacts: 300 });
  });

  test("a hard kill (SIGKILL) loses the hits not yet sealed into a batch — the crash window the README states", async () => {
    const { dataDir, sendJobId, workspaceId } = await prepare();
    const server = await startServer(entry, dataDir);
    await hitPixel(server.base, sendJobId, 50);
    server.child.kill("SIGKILL");
    await server.exited;
    expect((await countRows(dataDir, workspaceId)).events).toBe(0);
  });

  test("a hard kill after the batches were sealed loses nothing: the restart replays the spool, no hit twice", async () => {
    const { dataDir, sendJobId, workspaceId } = await prepare();
    // Batches of 10, sealed (and spooled) when full or after 20 ms; the kill comes once every hit is sealed,
    // before or while the writer thread commits them (which ones it committed varies from run to run).
    const server = await startServer(entry, dataDir, { TRACKING_BATCH_MAX: "10", TRACKING_FLUSH_MS: "20" });
    await hitPixel(server.base, sendJobId, 50);
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill("SIGKILL");
    await server.exited;
    const again = await startServer(entry, dataDir);
    expect((await countRows(dataDir, workspaceId)).events).toBe(50);
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
    expect(await countRows(dataDir, workspaceId)).toEqual({ events: 50, timeline: 50, withRequestFacts: 50 });
  });

  test("a hard kill during a burst loses nothing held back: every sealed batch is in the spool and replayed", async () => {
    const { dataDir, sendJobId, workspaceId } = await prepare();
    // Above 50 hits/s writing waits for the burst to pass; batches are still sealed and spooled every 20 ms.
    const server = await startServer(entry, dataDir, {
      TRACKING_BATCH_MAX: "10",
      TRACKING_FLUSH_MS: "20",
      TRACKING_BURST_RATE: "50",
      TRACKING_BURST_MAX_DEFER_MS: "60000",
    });
    await hitPixel(server.base, sendJobId, 300);
    await new Promise((r) => setTimeout(r, 60)); // sealed, but the burst has not passed yet: nothing written
    server.child.kill("SIGKILL");
    await server.exited;
    const again = await startServer(entry, dataDir);
    expect(again.output()).toContain("tracking: replayed 300 hits from the spool");
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
    expect(await countRows(dataDir, workspaceId)).toEqual({ events: 300, timeline: 300, withRequestFacts: 300 });
  });
});
