// Debian Chromium (headless=new) with the BUILT extension loaded; every host but the fixture and loopback unreachable.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium } from "playwright-core";

export const extensionDir = fileURLToPath(new URL("../build/chrome-mv3-prod/", import.meta.url));

/** Builds the extension when the build output is missing (root `pnpm test` builds first). */
export function ensureExtensionBuilt(): void {
  if (existsSync(join(extensionDir, "manifest.json"))) return;
  execFileSync("pnpm", ["run", "build"], { cwd: fileURLToPath(new URL("..", import.meta.url)), stdio: "inherit" });
}

/** The id Chrome derives from the manifest's `key`: sha256 of the public key, first 32 hex digits as a–p. */
export function extensionIdFromManifest(): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, "manifest.json"), "utf8")) as { key?: string };
  if (!manifest.key)
    throw new Error(`${extensionDir} is a store package (no dev key): run \`pnpm --filter @threadline/extension build\` first.`);
  const hex = createHash("sha256").update(Buffer.from(manifest.key, "base64")).digest("hex").slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join("");
}

export async function launchExtensionBrowser(opts: {
  fixturePort: number;
}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "threadline-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: false,
    viewport: { width: 1400, height: 900 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-proxy-server",
      "--ignore-certificate-errors",
      `--host-resolver-rules=MAP mail.google.com 127.0.0.1:${opts.fixturePort}, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1`,
    ],
  });
  context.setDefaultTimeout(15_000);
  if (context.serviceWorkers().length === 0) await context.waitForEvent("serviceworker");
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
