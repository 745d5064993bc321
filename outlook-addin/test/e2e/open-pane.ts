// Shared by the e2e test and bench:pane: the built pane served over HTTPS next to the real backend, opened in
// Debian's headless Chromium with the Office stub; office.js's CDN request is answered locally with an empty
// script and every other non-local request is blocked.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { addinEnv } from "../../server/addin-env";
import { loadCertificate } from "../../server/load-certificate";
import { startAddinServer, type AddinServer } from "../../server/start-addin-server";
import { installOfficeStub, type ItemSpec } from "./office-stub";
import { startBackend, type RunningBackend } from "./start-backend";

const root = fileURLToPath(new URL("../../", import.meta.url));
export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** Builds the pane when dist/ is missing (root `pnpm test` has built it already). */
export function ensureBuilt() {
  if (existsSync(join(root, "dist/taskpane.js"))) return;
  const tsx = createRequire(join(root, "package.json")).resolve("tsx/cli");
  execFileSync(process.execPath, [tsx, "scripts/build.ts"], { cwd: root, stdio: "inherit" });
}

export interface PaneRig {
  backend: RunningBackend;
  server: AddinServer;
  browser: Browser;
  /** Requests that were blocked because they left the machine (must stay empty). */
  blocked: string[];
  newContext(opts: { item: ItemSpec; mailboxVersion?: string; signedIn?: boolean }): Promise<BrowserContext>;
  open(context: BrowserContext, mode: "read" | "compose"): Promise<Page>;
  close(): Promise<void>;
}

export async function startPaneRig(): Promise<PaneRig> {
  ensureBuilt();
  const backend = await startBackend();
  const certDir = mkdtempSync(join(tmpdir(), "tl-addin-cert-"));
  const certificate = await loadCertificate({ dataDir: certDir });
  const server = await startAddinServer({
    distDir: join(root, "dist"),
    certificate,
    backendUrl: backend.url,
    port: 0,
    host: "127.0.0.1",
  });
  const browser = await chromium.launch({ executablePath: addinEnv.CHROMIUM_PATH, args: ["--no-sandbox"] });
  const blocked: string[] = [];

  async function newContext(opts: { item: ItemSpec; mailboxVersion?: string; signedIn?: boolean }) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 360, height: 720 } });
    context.setDefaultTimeout(15_000);
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(OFFICE_JS)) {
        return route.fulfill({
          status: 200,
          contentType: "text/javascript",
          body: "/* office.js stand-in: see office-stub.ts */",
        });
      }
      const { hostname, protocol } = new URL(url);
      if (hostname === "127.0.0.1" || protocol === "data:" || protocol === "blob:") return route.continue();
      blocked.push(url);
      return route.abort("blockedbyclient");
    });
    const stubArgs = { item: opts.item, mailboxVersion: opts.mailboxVersion ?? "1.13", me: "demo.owner@threadline.example" };
    // Sent as source text; tsx/vite compile with keepNames, whose __name helper does not exist in the page.
    await context.addInitScript({
      content: `globalThis.__name = (f) => f;\n(${installOfficeStub.toString()})(${JSON.stringify(stubArgs)});`,
    });
    if (opts.signedIn) {
      await context.addInitScript(
        ([url, token]) => localStorage.setItem("threadline.backend", JSON.stringify({ backendUrl: url, method: "token", token })),
        [server.url, backend.token] as const,
      );
    }
    return context;
  }

  async function open(context: BrowserContext, mode: "read" | "compose") {
    const page = await context.newPage();
    page.on("pageerror", (err) => console.error(`[pane] ${err.message}`));
    await page.goto(`${server.url}/taskpane.html?mode=${mode}`);
    await page.waitForSelector("html[data-threadline-ready=true]", { state: "attached" });
    return page;
  }

  return {
    backend,
    server,
    browser,
    blocked,
    newContext,
    open,
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
      await backend.stop();
      rmSync(certDir, { recursive: true, force: true });
    },
  };
}

/** Demo people as Outlook reports them. */
export const people = {
  liWei: { emailAddress: "li.wei@shenzhen-bright.cn", displayName: "Li Wei" },
  carlos: { emailAddress: "carlos.garcia@distribuciones-iberia.es", displayName: "Carlos García" },
  me: { emailAddress: "demo.owner@threadline.example", displayName: "Demo Owner" },
};

export const readItem = (from: { emailAddress: string; displayName: string }, n: number): ItemSpec => ({
  kind: "read",
  itemId: `AAMkAD-item-${n}`,
  conversationId: `AAQkAD-conv-${n}`,
  internetMessageId: `<msg-${n}@${from.emailAddress.split("@")[1]}>`,
  subject: `Inquiry ${n}`,
  from,
  to: [people.me],
});
