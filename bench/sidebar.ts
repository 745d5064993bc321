// bench:sidebar — the Gmail sidebar in real headless Chromium (built extension, real backend on 127.0.0.1, the
// https Gmail fixture): time from the thread's DOM being present to the card painted, over BENCH_SWITCHES
// (default 24) thread switches, cold (never-seen senders: backend round trip via the service worker) and warm
// (seen before in this page), plus "reload" (after a page reload: the service worker's Dexie cache answers).
// Baseline in the same run: the fixture's own next frame after the thread DOM lands (what a no-op sidebar would cost).
// Also the content script's size, minified and gzip. Budget: warm ≤ 50 ms, cold ≤ 200 ms, script ≤ 250 KB.
// Last line: RESULT {json}.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { FixtureThread } from "../extension/e2e/gmail-fixture";
import {
  ensureExtensionBuilt,
  extensionDir,
  extensionIdFromManifest,
  launchExtensionBrowser,
} from "../extension/e2e/launch-extension-browser";
import { serveGmailFixture } from "../extension/e2e/serve-gmail-fixture";
import { startBackend } from "../extension/e2e/start-backend";

// playwright-core is the extension package's dependency; take its Page type through the launcher.
type Page = Awaited<ReturnType<Awaited<ReturnType<typeof launchExtensionBrowser>>["context"]["newPage"]>>;

const SWITCHES = Math.max(20, Number(process.env.BENCH_SWITCHES ?? 24));
const TOKEN = "tl_bench_demo_token_0123456789abcdef";
const ME = { email: "demo.owner@threadline.example", name: "Demo Owner" };

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const round = (n: number) => Math.round(n * 10) / 10;

/** Switches to `token` and resolves with ms from the thread DOM landing to the first frame showing `email`'s card. */
// Plain JavaScript text: tsx would wrap named functions with a `__name` helper that the page does not have.
const MEASURE = `({ token, email }) => new Promise((resolve, reject) => {
  const root = document.getElementById("threadline-sidebar-host")?.shadowRoot;
  if (!root) return reject(new Error("no sidebar shadow root"));
  const selector = '[data-testid="card"][data-email="' + email + '"]';
  let baseline = -1;
  const observer = new MutationObserver(() => {
    if (!root.querySelector(selector)) return;
    observer.disconnect();
    requestAnimationFrame(() => resolve({ card: performance.now() - window.fixture.renderedAt, baseline }));
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true });
  window.addEventListener("hashchange", () => requestAnimationFrame(() => (baseline = performance.now() - window.fixture.renderedAt)), { once: true });
  location.hash = "#inbox/" + token;
  setTimeout(() => reject(new Error("card for " + email + " not painted in 10 s")), 10000);
})`;

/** Switches to `token`; ms from the thread DOM landing to the first frame showing `email`'s card. */
async function measureSwitch(page: Page, token: string, email: string): Promise<{ card: number; baseline: number }> {
  return page.evaluate(`(${MEASURE})(${JSON.stringify({ token, email })})`) as Promise<{ card: number; baseline: number }>;
}

async function main() {
  ensureExtensionBuilt();
  const scriptFile = readdirSync(extensionDir).find((f) => /^gmail-sidebar\.[0-9a-f]+\.js$/.test(f))!;
  const script = readFileSync(join(extensionDir, scriptFile));
  const extensionId = extensionIdFromManifest();
  const backend = await startBackend({ token: TOKEN, corsOrigins: [`chrome-extension://${extensionId}`] });
  const senders = Array.from({ length: SWITCHES }, (_, i) => ({
    email: `buyer${i}@bench-company-${i}.example`,
    name: `Buyer ${i}`,
  }));
  const threads: Record<string, FixtureThread> = {};
  senders.forEach((s, i) => {
    threads[`FMfcgzBench${i}`] = {
      id: String(1800000000000000000n + BigInt(i * 10)),
      subject: `Request ${i}`,
      messages: [{ id: String(1800000000000000000n + BigInt(i * 10 + 1)), from: s, to: [ME], body: "Hello" }],
    };
  });
  const fixture = await serveGmailFixture({ user: ME.email, threads });
  const browser = await launchExtensionBrowser({ fixturePort: fixture.port });
  try {
    const sw = browser.context.serviceWorkers()[0]!;
    await sw.evaluate(
      `chrome.storage.local.set({ "threadline.settings": ${JSON.stringify({ baseUrl: backend.url, token: TOKEN })} })`,
    );
    const page = await browser.context.newPage();
    await page.goto("https://mail.google.com/mail/u/0/#inbox");
    await page.locator("[data-threadline-sidebar]").waitFor();

    const run = async (label: string) => {
      const card: number[] = [];
      const baseline: number[] = [];
      for (let i = 0; i < SWITCHES; i++) {
        const r = await measureSwitch(page, `FMfcgzBench${i}`, senders[i]!.email);
        card.push(r.card);
        baseline.push(r.baseline);
      }
      const p50 = percentile(card, 50);
      const b50 = percentile(baseline, 50);
      console.log(
        `${label.padEnd(7)} n=${SWITCHES} p50=${round(p50)} ms p95=${round(percentile(card, 95))} ms  baseline frame p50=${round(b50)} ms  ratio=${round(p50 / Math.max(b50, 0.1))}×`,
      );
      return card;
    };
    const cold = await run("cold");
    const warm = await run("warm");
    await page.reload();
    await page.locator("[data-threadline-sidebar]").waitFor();
    const reload = await run("reload");

    const gzip = gzipSync(script, { level: 9 }).length;
    console.log(`content script ${scriptFile}: ${script.length} bytes minified, ${gzip} bytes gzip (budget 256000)`);
    const result = {
      warm_p50_ms: round(percentile(warm, 50)),
      warm_p95_ms: round(percentile(warm, 95)),
      cold_p50_ms: round(percentile(cold, 50)),
      cold_p95_ms: round(percentile(cold, 95)),
      reload_p50_ms: round(percentile(reload, 50)),
      reload_p95_ms: round(percentile(reload, 95)),
      switches: SWITCHES,
      content_script_bytes: script.length,
      content_script_gzip_bytes: gzip,
    };
    console.log(`RESULT ${JSON.stringify(result)}`);
  } finally {
    await browser.close();
    await fixture.close();
    await backend.dispose();
  }
}

await main();
