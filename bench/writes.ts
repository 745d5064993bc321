// bench:writes — note creation (POST /api/v1/contacts/:id/notes: a note and its timeline event in one transaction)
// at concurrency 20 through the real backend (src/server.ts, child process, temp database), against a baseline in
// the same run: a bare Hono + libSQL route doing the same two inserts atomically (bench/writes-bare-server.ts).
// Budget (issue 20): backend writes/s ≥ 0.5× the bare route's.
// pnpm bench:writes   (env BENCH_WRITES 400, BENCH_CONCURRENCY 20)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../backend/src/db/client";
import { newId } from "../backend/src/db/new-id";
import { contacts } from "../backend/src/db/schema";
import { createWorkspaceWithOwner } from "../backend/src/repo/workspaces";
import { backendEnv, startChildServer, summary, type ChildServer } from "./child-server";

const total = Number(process.env.BENCH_WRITES ?? 400);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 20);
const token = "bench-writes-token-0123456789abcd";
const dir = mkdtempSync(join(tmpdir(), "bench-writes-"));

/** `count` POSTs by `concurrency` workers; every answer must be 201. */
async function run(url: string, headers: Record<string, string>, count: number) {
  const times: number[] = [];
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        const res = await fetch(url, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify({ body: `Bench note ${i}` }),
        });
        await res.arrayBuffer();
        times.push(performance.now() - t0);
        if (res.status !== 201) failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { writesPerS: Math.round(count / seconds), failed, ...summary(times) };
}

// The bare baseline's database: the backend's schema (migrations), one workspace and contact.
const bareDir = join(dir, "bare");
const bareDb = await openDatabase({ dataDir: bareDir });
const ws = await createWorkspaceWithOwner(bareDb.db, { name: "Bare", ownerEmail: "o@bare.example", ownerName: "O" });
const bareContact = newId("ct");
await bareDb.db.insert(contacts).values({ id: bareContact, workspaceId: ws.workspaceId, email: "c@bare.example" });
bareDb.close();

const servers: ChildServer[] = [];
try {
  const bare = await startChildServer(["../bench/writes-bare-server.ts"], {
    BARE_DB: join(bareDir, "threadline.db"),
    BARE_WORKSPACE: ws.workspaceId,
    BARE_USER: ws.userId,
  });
  servers.push(bare);
  const backend = await startChildServer(["src/server.ts"], backendEnv(join(dir, "backend"), token));
  servers.push(backend);
  const auth = { authorization: `Bearer ${token}` };
  const res = await fetch(`${backend.base}/api/v1/contacts`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ email: "c@writes.example" }),
  });
  if (res.status !== 201) throw new Error(`contact: ${res.status} ${await res.text()}`);
  const contactId = ((await res.json()) as { id: string }).id;
  const bareUrl = `${bare.base}/contacts/${bareContact}/notes`;
  const backendUrl = `${backend.base}/api/v1/contacts/${contactId}/notes`;
  // Warm-up (JIT, tsx compile, prepared statements), then measured.
  await run(bareUrl, {}, 100);
  await run(backendUrl, auth, 100);
  const base = await run(bareUrl, {}, total);
  console.log(`bare Hono + libSQL: ${JSON.stringify(base)}`);
  const real = await run(backendUrl, auth, total);
  console.log(`backend POST notes: ${JSON.stringify(real)}`);
  const ratio = Math.round((real.writesPerS / base.writesPerS) * 100) / 100;
  console.log(`ratio backend / bare: ${ratio} (budget ≥ 0.5)`);
  if (real.failed > 0 || base.failed > 0) throw new Error(`failed writes: backend ${real.failed}, bare ${base.failed}`);
  console.log(
    `RESULT ${JSON.stringify({
      writes: total,
      concurrency,
      writes_per_s: real.writesPerS,
      p99_ms: real.p99,
      max_ms: real.max,
      bare_writes_per_s: base.writesPerS,
      bare_p99_ms: base.p99,
      ratio,
    })}`,
  );
} finally {
  for (const s of servers) await s.stop();
  rmSync(dir, { recursive: true, force: true });
}
