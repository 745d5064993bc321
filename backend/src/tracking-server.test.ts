// The dedicated tracking server (src/tracking-server.ts) as a user meets it: a child process on 127.0.0.1 serving the
// links the backend puts into mail when TRACKING_PUBLIC_URL points at it. Shutdown, crash and replay behaviour is
// tested for both servers in server-shutdown.test.ts.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, expect, test } from "vitest";
import { openDatabase } from "./db/client";
import { tasks, trackingEvents } from "./db/schema";
import { createWorkspaceWithOwner } from "./repo/workspaces";
import { seedSends } from "./testing/seed-sends";
import { instrumentHtml } from "./tracking/instrument-html";
import { pixelGif } from "./tracking/pixel-gif";

const backendDir = new URL("..", import.meta.url).pathname;
const secret = "tracking-server-test-secret-0123456789";
const chrome = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function start(dataDir: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/tracking-server.ts"], {
    cwd: backendDir,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", TRACKING_PORT: "0", HOST: "127.0.0.1", SIGNING_SECRET: secret },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  const base = new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Threadline tracking server listening on (http:\/\/\S+)/.exec(output);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`tracking server exited early (${code}): ${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, base, exited };
}

test("links built with TRACKING_PUBLIC_URL are answered by the tracking server: pixel, click redirect, hand-off, only /t", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "threadline-tracking-server-"));
  dirs.push(dataDir);
  const database = await openDatabase({ dataDir });
  const ws = await createWorkspaceWithOwner(database.db, { name: "W", ownerEmail: "o@w.example", ownerName: "O" });
  const seed = seedSends(database.db, ws.workspaceId);
  const contactId = await seed.contact({ email: "buyer@example.com", ownerId: ws.userId });
  const seq = await seed.sequence({ name: "S", steps: [{}] });
  const enrollmentId = await seed.enrollment({ contactId, sequenceId: seq.id, createdAt: Date.now() - 2 * 3_600_000 });
  const sendJobId = await seed.send({ enrollmentId, stepId: seq.stepIds[0]!, sentAt: Date.now() - 3_600_000 });

  const server = start(dataDir);
  const base = await server.base;
  // The message as the dispatcher instruments it: pixel and click links on the tracking server, while a link to
  // the backend's own unsubscribe page (PUBLIC_URL) is left alone.
  const html = await instrumentHtml(
    {
      html: '<p><a href="https://shop.example/pricing" data-buying-signal>Prices</a> <a href="http://127.0.0.1:1/u/abc">Stop</a></p>',
      sendJobId,
      workspaceId: ws.workspaceId,
      publicUrl: "http://127.0.0.1:1",
      trackingUrl: base,
      signingSecret: secret,
      trackOpens: true,
      trackClicks: true,
    },
    database.db,
  );
  const click = new RegExp(`href="(${base}/t/c/[^"]+)"`).exec(html)?.[1];
  const pixel = new RegExp(`src="(${base}/t/o/[^"]+\\.gif)"`).exec(html)?.[1];
  expect(click).toBeDefined();
  expect(pixel).toBeDefined();
  expect(html).toContain('href="http://127.0.0.1:1/u/abc"');

  const gif = await fetch(pixel!, { headers: { "user-agent": chrome } });
  expect(gif.status).toBe(200);
  expect(Buffer.from(await gif.arrayBuffer())).toEqual(Buffer.from(pixelGif));
  const redirect = await fetch(click!, { redirect: "manual", headers: { "user-agent": chrome } });
  expect(redirect.status).toBe(302);
  expect(redirect.headers.get("location")).toBe("https://shop.example/pricing");
  expect((await fetch(`${base}/health`)).status).toBe(200);
  // The API is not served here: the same JSON error shape as the backend's.
  const api = await fetch(`${base}/api/v1/card?email=buyer@example.com`);
  expect(api.status).toBe(404);
  expect(await api.json()).toMatchObject({ error: { code: "not_found" } });

  // The human click on a buying-signal link hands off to the owner, as on the backend.
  let handoffs: unknown[] = [];
  for (let i = 0; i < 50 && handoffs.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    handoffs = await database.db.select().from(tasks).where(eq(tasks.kind, "handoff"));
  }
  expect(handoffs).toHaveLength(1);

  server.child.kill("SIGTERM");
  expect(await server.exited).toBe(0);
  const events = await database.db.select().from(trackingEvents).where(eq(trackingEvents.sendJobId, sendJobId));
  expect(events.map((e) => e.kind).sort()).toEqual(["click", "open"]);
  database.close();
});
