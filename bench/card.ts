// bench:card — GET /api/v1/card server-side latency at N contacts / 10·N timeline events, for each N in BENCH_SIZES
// (default 10000,1000000), on a libSQL FILE database in a temp dir, through app.request (no network).
// Budget: p50 ≤ 1 ms at 1M contacts, and ≤ 2× the 10k figure. Last line: RESULT {json}.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../backend/src/app";
import { openDatabase, type Database } from "../backend/src/db/client";
import { createWorkspaceWithOwner } from "../backend/src/repo/workspaces";

const sizes = (process.env.BENCH_SIZES ?? "10000,1000000").split(",").map((s) => Number(s.trim()));
const requests = Number(process.env.BENCH_REQUESTS ?? 2000);
const warmup = Number(process.env.BENCH_WARMUP ?? 300);
const ROWS = 400; // rows per INSERT statement
const CONTACTS_PER_COMPANY = 20;

const pad = (n: number, w = 10) => String(n).padStart(w, "0");
// Deterministic pseudo-random numbers, so two runs seed the same data.
let rngState = 42;
const rand = () => ((rngState = (rngState * 1103515245 + 12345) % 2 ** 31), rngState / 2 ** 31);
const countries = ["CN", "DE", "US", "BR", null];

type Tx = Awaited<ReturnType<Database["client"]["transaction"]>>;

async function insertRows(tx: Tx, table: string, cols: string[], rows: unknown[][]) {
  for (let i = 0; i < rows.length; i += ROWS) {
    const chunk = rows.slice(i, i + ROWS);
    const tuple = `(${cols.map(() => "?").join(",")})`;
    await tx.execute({
      sql: `INSERT INTO ${table} (${cols.join(",")}) VALUES ${chunk.map(() => tuple).join(",")}`,
      args: chunk.flat() as never[],
    });
  }
}

async function seed(db: Database, n: number) {
  const started = performance.now();
  const {
    workspaceId: ws,
    userId,
    token,
  } = await createWorkspaceWithOwner(db.db, {
    name: "Bench",
    ownerEmail: "owner@bench.example",
    ownerName: "Owner",
    ownerTimeZone: "Europe/Berlin",
  });
  const reps = [userId, "us_benchrep1", "us_benchrep2"];
  let tx = await db.client.transaction("write");
  await insertRows(
    tx,
    "users",
    ["id", "workspace_id", "email", "name", "role"],
    reps.slice(1).map((id, i) => [id, ws, `rep${i}@bench.example`, `Rep ${i}`, "rep"]),
  );
  await tx.commit();
  await db.client.execute("PRAGMA synchronous = OFF");
  await db.client.execute("PRAGMA cache_size = -262144");
  const companies = Math.ceil(n / CONTACTS_PER_COMPANY);
  const domain = (c: number) => `company-${String(c).padStart(6, "0")}-trading.com`;
  const now = Date.now();

  tx = await db.client.transaction("write");
  let rows: unknown[][] = [];
  for (let c = 0; c < companies; c++) {
    rows.push([
      `co_${String(c).padStart(10, "0")}`,
      ws,
      domain(c),
      `Company ${c} Trading`,
      countries[c % countries.length],
      now,
      now,
    ]);
  }
  await insertRows(tx, "companies", ["id", "workspace_id", "domain", "name", "country", "created_at", "updated_at"], rows);
  await tx.commit();

  // Contacts and their events, generated inside SQLite (INSERT … SELECT over a recursive sequence, 50k contacts per
  // transaction) in id order, so every index grows at its end: 1M contacts / 10M events seed in minutes.
  const CHUNK = 50_000;
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK) - 1;
    const seq = `WITH RECURSIVE seq(i) AS (SELECT ${start} UNION ALL SELECT i + 1 FROM seq WHERE i < ${end})`;
    tx = await db.client.transaction("write");
    await tx.execute({
      sql: `${seq} INSERT INTO contacts (id, workspace_id, email, display_name, first_name, last_name, country, time_zone,
          owner_id, company_id, created_at, updated_at)
        SELECT printf('ct_%010d', i), ?1, printf('person%d@company-%06d-trading.com', i, i / ${CONTACTS_PER_COMPANY}),
          'Person ' || i, 'Person', CAST(i AS TEXT),
          CASE (i / ${CONTACTS_PER_COMPANY}) % 5 WHEN 0 THEN 'CN' WHEN 1 THEN 'DE' WHEN 2 THEN 'US' WHEN 3 THEN 'BR' ELSE NULL END,
          CASE WHEN i % 3 = 0 THEN NULL ELSE 'Asia/Shanghai' END,
          CASE i % 3 WHEN 0 THEN ?2 WHEN 1 THEN ?3 ELSE ?4 END,
          printf('co_%010d', i / ${CONTACTS_PER_COMPANY}), ?5, ?5
        FROM seq`,
      args: [ws, ...reps, now],
    });
    // 5…15 events per contact (10 on average), deterministic per contact.
    await tx.execute({
      sql: `${seq}, ev(e) AS (SELECT 0 UNION ALL SELECT e + 1 FROM ev WHERE e < 14)
        INSERT INTO timeline_events (id, workspace_id, contact_id, type, actor, occurred_at, payload)
        SELECT printf('ev_%010d%03d', i, e), ?1, printf('ct_%010d', i),
          CASE e % 6 WHEN 0 THEN 'email_sent' WHEN 1 THEN 'open' WHEN 2 THEN 'click' WHEN 3 THEN 'email_received'
            WHEN 4 THEN 'note' ELSE 'stage_change' END,
          'system:bench', ?2 - (15 - e) * 3600000, '{}'
        FROM seq JOIN ev ON e < 5 + (i * 7919) % 11
        ORDER BY i, e`,
      args: [ws, now],
    });
    await tx.commit();
    if (process.env.BENCH_VERBOSE)
      console.log(`  seeded ${end + 1} contacts at ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  // A few sequences, enrollments (1 in 20 contacts), open tasks (1 in 20) and suppressions (1 in 100).
  tx = await db.client.transaction("write");
  rows = [];
  for (let s = 0; s < 10; s++) rows.push([`sq_${pad(s)}`, ws, `Sequence ${s}`, userId]);
  await insertRows(tx, "sequences", ["id", "workspace_id", "name", "owner_id"], rows);
  rows = [];
  for (let s = 0; s < 10; s++) for (let p = 0; p < 4; p++) rows.push([`st_${pad(s)}${p}`, ws, `sq_${pad(s)}`, p, "email"]);
  await insertRows(tx, "sequence_steps", ["id", "workspace_id", "sequence_id", "position", "kind"], rows);
  const enr: unknown[][] = [];
  const jobs: unknown[][] = [];
  const tasks: unknown[][] = [];
  const supp: unknown[][] = [];
  for (let i = 0; i < n; i += 20) {
    const s = i % 10;
    const eid = `en_${pad(i)}`;
    enr.push([eid, ws, `ct_${pad(i)}`, `sq_${pad(s)}`, reps[(i / 20) % 3], "active", now, 1, now + 86_400_000]);
    jobs.push([`sj_${pad(i)}`, ws, eid, `st_${pad(s)}1`, `${eid}:1`, "queued", now + 86_400_000]);
    tasks.push([`ta_${pad(i + 7)}`, ws, reps[i % 3], `ct_${pad(Math.min(n - 1, i + 7))}`, "call", "Call back", now + 3_600_000]);
  }
  for (let i = 3; i < n; i += 100)
    supp.push([`sp_${pad(i)}`, ws, "address", `person${i}@${domain(Math.floor(i / CONTACTS_PER_COMPANY))}`, "unsubscribe"]);
  await insertRows(
    tx,
    "enrollments",
    ["id", "workspace_id", "contact_id", "sequence_id", "owner_id", "state", "state_changed_at", "steps_done", "next_run_at"],
    enr,
  );
  await insertRows(
    tx,
    "send_jobs",
    ["id", "workspace_id", "enrollment_id", "step_id", "idempotency_key", "status", "run_at"],
    jobs,
  );
  await insertRows(tx, "tasks", ["id", "workspace_id", "owner_id", "contact_id", "kind", "title", "due_at"], tasks);
  await insertRows(tx, "suppressions", ["id", "workspace_id", "kind", "value", "reason"], supp);
  await tx.commit();
  await db.client.execute("ANALYZE");
  await db.client.execute("PRAGMA synchronous = NORMAL");
  return { token, companies, seconds: (performance.now() - started) / 1000, domain };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function measure(n: number) {
  const dir = mkdtempSync(join(tmpdir(), "threadline-bench-card-"));
  const db = await openDatabase({ dataDir: dir });
  try {
    const { token, companies, seconds, domain } = await seed(db, n);
    console.log(`N=${n}: seeded ${n} contacts, ~${10 * n} events, ${companies} companies in ${seconds.toFixed(1)} s`);
    const app = createApp({
      db: db.db,
      config: { publicUrl: "http://127.0.0.1:8787", corsOrigins: [], signingSecret: "x".repeat(32), encryptionKey: null },
    });
    const headers = { authorization: `Bearer ${token}` };
    // 90% known contacts, 10% new senders at a known company (the suggestion path).
    const pick = () => {
      const i = Math.floor(rand() * n);
      return rand() < 0.9
        ? `person${i}@${domain(Math.floor(i / CONTACTS_PER_COMPANY))}`
        : `new.buyer${i}@${domain(Math.floor(i / CONTACTS_PER_COMPANY))}`;
    };
    let checked = false;
    const times: number[] = [];
    for (let r = 0; r < warmup + requests; r++) {
      const email = pick();
      const t0 = performance.now();
      const res = await app.request(`/api/v1/card?email=${encodeURIComponent(email)}`, { headers });
      const body = await res.text();
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`card ${email}: ${res.status} ${body}`);
      if (!checked && email.startsWith("person")) {
        const card = JSON.parse(body) as { contact: unknown; timeline: unknown[] };
        if (!card.contact || card.timeline.length === 0) throw new Error(`card for ${email} came back empty: ${body}`);
        checked = true;
      }
      if (r >= warmup) times.push(ms);
    }
    times.sort((a, b) => a - b);
    const p50 = quantile(times, 0.5);
    const p99 = quantile(times, 0.99);
    console.log(`N=${n}: GET /api/v1/card over ${requests} requests: p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms`);
    return { n, p50, p99 };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = [];
for (const n of sizes) results.push(await measure(n));
const base = results[0]!;
const top = results[results.length - 1]!;
const growth = top.p50 / base.p50;
console.log(`growth p50 ${top.n} / ${base.n}: ${growth.toFixed(2)}×  (budget: p50 ≤ 1 ms at 1M, growth ≤ 2×)`);
const r3 = (x: number) => Math.round(x * 1000) / 1000;
console.log(
  `RESULT ${JSON.stringify({ contacts: top.n, p50_ms: r3(top.p50), p99_ms: r3(top.p99), p50_ms_10k: r3(base.p50), growth: r3(growth) })}`,
);
