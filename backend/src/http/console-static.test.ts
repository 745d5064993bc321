// The console served by the real app (createApp with a console dist directory): files, history fallback, the
// backend's paths left alone, security headers.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../app";
import { openDatabase } from "../db/client";

let dist: string;
let database: Awaited<ReturnType<typeof openDatabase>>;
let app: ReturnType<typeof createApp>;
const INDEX = '<!doctype html><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script>';

const appWith = (distDir: string) =>
  createApp({
    db: database.db,
    config: {
      publicUrl: "http://127.0.0.1:8787",
      corsOrigins: [],
      signingSecret: "test-signing-secret-0123456789abcdef",
      encryptionKey: null,
    },
    console: { distDir },
  });

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), "threadline-console-dist-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "index.html"), INDEX);
  writeFileSync(join(dist, "assets", "index-abc123.js"), "console.log(1)");
  writeFileSync(join(dist, "favicon.svg"), "<svg/>");
  database = await openDatabase({ url: ":memory:" });
  app = appWith(dist);
});
afterAll(() => {
  database.close();
  rmSync(dist, { recursive: true, force: true });
});

describe("console at /", () => {
  test.each(["/", "/team", "/settings/tokens", "/invitations/abc_DEF-123", "/connect?host=gmail"])(
    "%s → index.html (deep links survive a reload)",
    async (path) => {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/text\/html/);
      expect(res.headers.get("cache-control")).toBe("no-cache");
      expect(await res.text()).toBe(INDEX);
    },
  );

  test("hashed assets are served with a long cache, other files revalidated", async () => {
    const js = await app.request("/assets/index-abc123.js");
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toMatch(/javascript/);
    expect(js.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await app.request("/favicon.svg")).headers.get("cache-control")).toBe("no-cache");
  });

  test.each([
    ["GET", "/api/v1/contacts", 401],
    ["GET", "/api/v1/no-such-route", 401],
    ["GET", "/api", 404],
    ["GET", "/t/not-a-ticket", 404],
    ["GET", "/oauth/nothing", 404],
    ["GET", "/hooks/nothing", 404],
    ["GET", "/assets/missing-123.js", 404],
    ["GET", "/robots.txt", 404],
    ["POST", "/team", 404],
  ])("%s %s is never the console (%i, JSON)", async (method, path, status) => {
    const res = await app.request(path, { method });
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(await res.text()).not.toContain('id="root"');
  });

  test("/u/… stays the unsubscribe page", async () => {
    expect(await (await app.request("/u/xyz")).text()).not.toContain('id="root"');
  });

  test("/health keeps answering JSON", async () => {
    const res = await app.request("/health");
    expect(await res.json()).toEqual({ ok: true });
  });

  test.each(["/..%2f..%2fetc%2fpasswd", "/assets/..%2f..%2fpackage.json", "/%2e%2e/%2e%2e/package.json"])(
    "no path traversal: %s",
    async (path) => {
      const res = await app.request(path);
      expect(await res.text()).not.toMatch(/"name"|root:/);
    },
  );

  test("security headers on console responses: CSP without inline scripts, nosniff, referrer policy, no framing", async () => {
    for (const path of ["/", "/team", "/assets/index-abc123.js"]) {
      const h = (await app.request(path)).headers;
      const csp = h.get("content-security-policy") ?? "";
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(h.get("x-content-type-options")).toBe("nosniff");
      expect(h.get("referrer-policy")).toBe("no-referrer");
      expect(h.get("x-frame-options")).toBe("DENY");
      expect(h.get("cross-origin-opener-policy")).toBe("same-origin");
    }
  });

  test("the host sign-in page can message its opener (no COOP), other headers kept", async () => {
    const h = (await app.request("/connect")).headers;
    expect(h.get("cross-origin-opener-policy")).toBe("unsafe-none");
    expect(h.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  test("not built: a page that says how to build it", async () => {
    const res = await appWith(join(dist, "missing")).request("/team");
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("pnpm build");
  });
});
