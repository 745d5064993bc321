// bench:responsive — does the server stay responsive while it imports? The real backend (src/server.ts) runs as a
// child process on 127.0.0.1 with a temp database. While one CSV import of BENCH_ROWS (100k) rows goes through
// POST /api/v1/imports, this process fetches GET /api/v1/card every 50 ms and writes 10 notes every 200 ms;
// the same load without an import is measured first (baseline, same run). Also: import rows/s and the server's
// RSS before, at its peak and 3 s after the import.
// Budget (issue 20): card p99 ≤ 50 ms, max ≤ 250 ms during the import, every write 2xx; RSS after ≤ before + 50 MB.
// pnpm bench:responsive   (env BENCH_ROWS, BENCH_BASELINE_S)
import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { backendEnv, rssMb, startChildServer, summary } from "./child-server";
import { writeContactsCsv } from "./contacts-csv";

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const baselineSeconds = Number(process.env.BENCH_BASELINE_S ?? 4);
const token = "bench-responsive-token-0123456789";
const dir = mkdtempSync(join(tmpdir(), "bench-responsive-"));
const file = join(dir, "contacts.csv");
await writeContactsCsv(file, rows);
console.log(`generated ${rows} rows, ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB`);

const server = await startChildServer(["src/server.ts"], backendEnv(join(dir, "data"), token));
const auth = { authorization: `Bearer ${token}` };
const cardEmail = "bench.card@responsive.example";
const created = await fetch(`${server.base}/api/v1/contacts`, {
  method: "POST",
  headers: { ...auth, "content-type": "application/json" },
  body: JSON.stringify({ email: cardEmail, firstName: "Card" }),
});
if (created.status !== 201) throw new Error(`contact: ${created.status} ${await created.text()}`);
const contactId = ((await created.json()) as { id: string }).id;

/** Runs the card (every 50 ms) and note (10 every 200 ms) load until `until` settles. */
async function load<T>(until: Promise<T>) {
  const card: number[] = [];
  const writes: number[] = [];
  let writesFailed = 0;
  let cardFailed = 0;
  const inflight: Promise<void>[] = [];
  let peakRss = rssMb(server.child);
  const timed = (run: () => Promise<Response>, into: number[], onStatus: (s: number) => void) => {
    const t0 = performance.now();
    const p = run()
      .then(async (res) => {
        await res.arrayBuffer();
        into.push(performance.now() - t0);
        onStatus(res.status);
      })
      .catch(() => onStatus(0));
    inflight.push(p);
  };
  const cardTimer = setInterval(() => {
    timed(
      () => fetch(`${server.base}/api/v1/card?email=${encodeURIComponent(cardEmail)}`, { headers: auth }),
      card,
      (s) => {
        if (s !== 200) cardFailed++;
      },
    );
  }, 50);
  let n = 0;
  const writeTimer = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb(server.child));
    for (let i = 0; i < 10; i++)
      timed(
        () =>
          fetch(`${server.base}/api/v1/contacts/${contactId}/notes`, {
            method: "POST",
            headers: { ...auth, "content-type": "application/json" },
            body: JSON.stringify({ body: `Bench note ${n++}` }),
          }),
        writes,
        (s) => {
          if (s < 200 || s >= 300) writesFailed++;
        },
      );
  }, 200);
  try {
    const result = await until;
    return { result, card: summary(card), cardFailed, writes: summary(writes), writesFailed, peakRss };
  } finally {
    clearInterval(cardTimer);
    clearInterval(writeTimer);
    await Promise.all(inflight);
  }
}

try {
  // Warm-up (tsx compile, JIT, prepared statements), unmeasured.
  await load(new Promise((r) => setTimeout(r, 1000)));
  const idle = await load(new Promise((r) => setTimeout(r, baselineSeconds * 1000)));
  console.log(`baseline (no import) card: ${JSON.stringify(idle.card)} ms; notes: ${JSON.stringify(idle.writes)} ms`);
  const rssBefore = rssMb(server.child);

  const started = performance.now();
  const during = await load(
    fetch(`${server.base}/api/v1/imports?tags=bench&source=bench`, {
      method: "POST",
      headers: { ...auth, "content-type": "text/csv" },
      body: Readable.toWeb(createReadStream(file)) as ReadableStream,
      duplex: "half",
    } as RequestInit).then(async (res) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> })),
  );
  const seconds = (performance.now() - started) / 1000;
  if (during.result.status !== 201 || during.result.body.created !== rows)
    throw new Error(`import did not finish: ${during.result.status} ${JSON.stringify(during.result.body).slice(0, 500)}`);
  const rate = Math.round(rows / seconds);
  console.log(`import: ${rows} rows in ${seconds.toFixed(1)} s = ${rate} rows/s`);
  console.log(
    `during import card: ${JSON.stringify(during.card)} ms; notes: ${JSON.stringify(during.writes)} ms, failed ${during.writesFailed}; card failed ${during.cardFailed}`,
  );
  await new Promise((r) => setTimeout(r, 3000));
  const rssAfter = rssMb(server.child);
  console.log(`server RSS: before ${rssBefore} MB, peak ${during.peakRss} MB, 3 s after ${rssAfter} MB`);
  console.log(
    `RESULT ${JSON.stringify({
      rows,
      card_p99_ms: during.card.p99,
      card_max_ms: during.card.max,
      card_p50_ms: during.card.p50,
      card_failed: during.cardFailed,
      card_p99_ms_baseline: idle.card.p99,
      card_max_ms_baseline: idle.card.max,
      write_p99_ms: during.writes.p99,
      write_max_ms: during.writes.max,
      writes_failed: during.writesFailed + idle.writesFailed,
      import_rows_per_s: rate,
      rss_before_mb: rssBefore,
      rss_peak_mb: during.peakRss,
      rss_after_mb: rssAfter,
    })}`,
  );
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
