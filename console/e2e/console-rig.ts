// The console's browser rig: the REAL backend (extension/e2e's startBackend: a child process on 127.0.0.1, free port,
// temporary data directory) on an EMPTY database, serving the built console; Debian's headless Chromium. Every
// request that would leave 127.0.0.1 is blocked and recorded (the test asserts there were none).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { startBackend, type RunningBackend } from "../../extension/e2e/start-backend";

const consoleDir = fileURLToPath(new URL("../", import.meta.url));
/** Screenshots of each screen (test-artifacts/ is git-ignored; the README's copies live in docs/). */
export const screenshotDir = join(consoleDir, "../test-artifacts/console");

/** Builds the console when dist/ is missing (root `pnpm test` has built it already). */
function ensureBuilt() {
  if (existsSync(join(consoleDir, "dist/index.html"))) return;
  execFileSync("pnpm", ["exec", "vite", "build"], { cwd: consoleDir, stdio: "inherit" });
}

export interface ConsoleRig {
  backend: RunningBackend;
  browser: Browser;
  blocked: string[];
  newContext(): Promise<BrowserContext>;
  /**
   * A browser context already signed in (the session cookie set, as after the sign-in form): on an empty database
   * the workspace is set up first with `owner`; on the demo database (`seedDemo: true`) it signs in as the demo owner
   * unless `as` names another account with a password.
   */
  signedInContext(as?: { email: string; password: string }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** The owner the empty-database rig sets up when a signed-in context is asked for first. */
export const RIG_OWNER = {
  workspaceName: "Bright Export Ltd.",
  name: "Mei Chen",
  email: "mei@bright-export.example",
  password: "lantern-harbour-42",
} as const;
/** The demo owner's login on the seeded rig (THREADLINE_DEMO_PASSWORD). */
export const DEMO_OWNER = { email: "demo.owner@threadline.example", password: "demo-harbour-lantern-7" } as const;
/** The demo database's bearer token (the seeded rig's `backend.request` uses it). */
export const DEMO_TOKEN = "tl_e2e_console_demo_token_00000";

export async function startConsoleRig(opts: { seedDemo?: boolean } = {}): Promise<ConsoleRig> {
  ensureBuilt();
  mkdirSync(screenshotDir, { recursive: true });
  const seedDemo = opts.seedDemo ?? false;
  const backend = await startBackend({ token: DEMO_TOKEN, corsOrigins: [], seedDemo, demoPassword: DEMO_OWNER.password });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox"],
  });
  const blocked: string[] = [];
  const contexts: BrowserContext[] = [];
  const newContext = async () => {
    const context = await browser.newContext({ baseURL: backend.url, viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(15_000);
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === "127.0.0.1") return route.continue();
      blocked.push(url.href);
      return route.abort();
    });
    contexts.push(context);
    return context;
  };
  const signIn = async (as: { email: string; password: string }) => {
    const origin = { "content-type": "application/json", origin: backend.url };
    let res: Response;
    if (!seedDemo && ((await (await fetch(`${backend.url}/api/v1/setup`)).json()) as { needed: boolean }).needed) {
      res = await fetch(`${backend.url}/api/v1/setup`, { method: "POST", headers: origin, body: JSON.stringify(RIG_OWNER) });
    } else {
      res = await fetch(`${backend.url}/api/v1/session`, { method: "POST", headers: origin, body: JSON.stringify(as) });
    }
    if (!res.ok) throw new Error(`console rig: signing in ${as.email} failed with ${res.status}: ${await res.text()}`);
    const pair = (res.headers.getSetCookie()[0] ?? "").split(";")[0]!;
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new Error("console rig: the server set no session cookie");
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
  };
  return {
    backend,
    browser,
    blocked,
    newContext,
    async signedInContext(as) {
      const cookie = await signIn(as ?? (seedDemo ? DEMO_OWNER : RIG_OWNER));
      const context = await newContext();
      await context.addCookies([{ ...cookie, url: backend.url, httpOnly: true, sameSite: "Lax" }]);
      return context;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await backend.dispose();
    },
  };
}
