// bench:render — renderTemplate against LiquidJS, Handlebars and Mustache on the same realistic email, in one
// process: renders/s (median of interleaved rounds after a warm-up) and the browser bundle size of each.
// Sizes: BENCH_RENDER_N renders per round (default 20000), BENCH_RENDER_ROUNDS rounds (default 7).
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import Handlebars from "handlebars";
import { Liquid } from "liquidjs";
import Mustache from "mustache";
import { renderTemplate } from "../shared/src/domain/render-template";

const N = Number(process.env.BENCH_RENDER_N ?? 20_000);
const ROUNDS = Number(process.env.BENCH_RENDER_ROUNDS ?? 7);
if (!(N > 0 && ROUNDS > 0)) throw new Error("BENCH_RENDER_N and BENCH_RENDER_ROUNDS must be positive numbers");

// 10 distinct variables (one of them, phone, is missing), 2 fallbacks (title, sender.title), values needing escaping.
const variables: Record<string, unknown> = {
  first_name: "Ana",
  last_name: "García",
  title: null,
  company: { name: "Acme & Sons <Iberia>", domain: "acme.es" },
  country: "ES",
  sender: { name: "Li Wei", email: "li.wei@threadline.test", title: "" },
  meeting_day: "Tuesday",
  deal_size: 12500,
};

// One body per syntax; `V` writes an escaped variable, `F` one with a fallback.
function body(V: (path: string) => string, F: (path: string, fallback: string) => string): string {
  return `<!doctype html><html><body style="margin:0;padding:0;font-family:Arial,Helvetica,sans-serif;color:#222">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;margin:0 auto">
<tr><td style="padding:24px 32px;font-size:15px;line-height:1.5">
<p>Dear ${F("title", "Sir or Madam")} ${V("last_name")},</p>
<p>Thank you for taking the time to speak with me about how ${V("company.name")} handles its export paperwork.
As promised, I am sending a short summary of what we discussed and the next steps for your team in ${V("country")}.</p>
<ul style="padding-left:20px">
<li>Consolidated quotes for all shipments leaving ${V("country")}, with landed cost per SKU.</li>
<li>A shared timeline so ${V("first_name")} and the finance team see every document in one place.</li>
<li>An estimated annual volume of ${V("deal_size")} units, priced on the tiered schedule attached.</li>
</ul>
<p>If it suits you, I would be glad to walk you through a live example on ${V("meeting_day")}. You can reach me
directly at ${V("phone")} or simply reply to this email; I usually answer within a few hours during
business days.</p>
<p>In the meantime, here is the link to the documentation we mentioned:
<a href="https://docs.threadline.test/export?ref=${V("company.domain")}" style="color:#1a56db">export guide</a>.</p>
<p style="margin-top:32px">Kind regards,<br>${V("sender.name")}<br>${F("sender.title", "Account Executive")}<br>
<a href="mailto:${V("sender.email")}" style="color:#1a56db">${V("sender.email")}</a></p>
</td></tr>
<tr><td style="padding:16px 32px;font-size:12px;color:#888;border-top:1px solid #eee">
You receive this email because ${V("company.name")} asked Threadline for a quote. Reply STOP to opt out.
</td></tr></table></body></html>`;
}

const sources = {
  renderTemplate: body(
    (p) => `{{${p}}}`,
    (p, f) => `{{ ${p} | ${f} }}`,
  ),
  liquidjs: body(
    (p) => `{{ ${p} }}`,
    (p, f) => `{{ ${p} | default: "${f}" }}`,
  ),
  handlebars: body(
    (p) => `{{${p}}}`,
    (p, f) => `{{#if ${p}}}{{${p}}}{{else}}${f}{{/if}}`,
  ),
  mustache: body(
    (p) => `{{${p}}}`,
    (p, f) => `{{#${p}}}{{${p}}}{{/${p}}}{{^${p}}}${f}{{/${p}}}`,
  ),
};

// Each library gets its best case: the template is parsed/compiled once, outside the timed loop.
const liquid = new Liquid({ outputEscape: "escape" });
const liquidTemplate = liquid.parse(sources.liquidjs);
const handlebarsTemplate = Handlebars.compile(sources.handlebars);
Mustache.parse(sources.mustache); // Mustache caches the parsed tokens by template string

const renderers: Record<string, () => string> = {
  renderTemplate: () => renderTemplate({ template: sources.renderTemplate, variables, mode: "html" }).output,
  liquidjs: () => liquid.renderSync(liquidTemplate, variables) as string,
  handlebars: () => handlebarsTemplate(variables),
  mustache: () => Mustache.render(sources.mustache, variables),
};
// renderTemplate's parse cost too: a template it has never seen on every call (cache miss + eviction).
let coldCounter = 0;
const renderTemplateCold = () =>
  renderTemplate({ template: `${sources.renderTemplate}<!--${coldCounter++}-->`, variables, mode: "html" }).output;

// Sanity check: every renderer produces the same email (entities differ between libraries, text must not).
const decode = (html: string) =>
  html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x3D;/g, "=")
    .replace(/&#x60;/g, "`")
    .replace(/&#x2F;/g, "/")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
const reference = decode(renderers.renderTemplate!());
for (const [name, render] of Object.entries(renderers)) {
  if (decode(render()) !== reference) throw new Error(`${name} renders a different email; the comparison would be unfair`);
}
const check = renderTemplate({ template: sources.renderTemplate, variables, mode: "html" });
if (check.missing.join() !== "phone" || check.usedFallbacks.join() !== "title,sender.title") {
  throw new Error(`unexpected missing/fallbacks: ${JSON.stringify(check)}`);
}

let sink = 0; // keeps the renders observable so nothing is optimised away
function timeRound(render: () => string, count: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) sink += render().length;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return count / seconds;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

console.log(`template: ${sources.renderTemplate.length} bytes, ${N} renders x ${ROUNDS} rounds (interleaved), median`);
const timed = { ...renderers, "renderTemplate (uncached)": renderTemplateCold };
for (const render of Object.values(timed)) timeRound(render, Math.max(1000, Math.floor(N / 5))); // warm-up
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(timed).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, render] of Object.entries(timed)) samples[name]!.push(timeRound(render, N));
}
const rendersPerSecond = Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, Math.round(median(s))]));

// Browser bundle: a tiny entry importing each renderer, minified for the browser, then gzipped.
const sharedDomain = fileURLToPath(new URL("../shared/src/domain/render-template.ts", import.meta.url));
const entries: Record<string, string> = {
  renderTemplate: `import { renderTemplate } from ${JSON.stringify(sharedDomain)}; globalThis.render = renderTemplate;`,
  liquidjs: `import { Liquid } from "liquidjs"; globalThis.render = Liquid;`,
  handlebars: `import Handlebars from "handlebars"; globalThis.render = Handlebars.compile;`,
  mustache: `import Mustache from "mustache"; globalThis.render = Mustache.render;`,
};
const bundleBytes: Record<string, number> = {};
const bundleGzipBytes: Record<string, number> = {};
for (const [name, contents] of Object.entries(entries)) {
  const result = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL(".", import.meta.url)), loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2020",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  bundleBytes[name] = code.byteLength;
  bundleGzipBytes[name] = gzipSync(code, { level: 9 }).byteLength;
}

const ours = rendersPerSecond.renderTemplate!;
console.log("\nrenderer                    renders/s   vs renderTemplate   bundle min   bundle gzip");
for (const name of Object.keys(timed)) {
  const rps = rendersPerSecond[name]!;
  console.log(
    `${name.padEnd(26)} ${String(rps).padStart(10)}   ${(rps / ours).toFixed(2).padStart(16)}x   ${String(bundleBytes[name] ?? "").padStart(10)}   ${String(bundleGzipBytes[name] ?? "").padStart(11)}`,
  );
}
if (sink === 0) console.log("(no output)");
const { renderTemplate: _ours, "renderTemplate (uncached)": uncached, ...others } = rendersPerSecond;
console.log(
  `RESULT ${JSON.stringify({ renders_per_s: ours, renders_per_s_uncached: uncached, others, bundle_bytes: bundleBytes, bundle_gzip_bytes: bundleGzipBytes })}`,
);
