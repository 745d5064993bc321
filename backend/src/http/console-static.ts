// Serves the built console (console/dist) at `/` on the API's origin: hashed assets with a long cache, and
// index.html for every other GET (history fallback, so deep links survive a reload) — never for the API's own
// prefixes, which keep their JSON 404. Every console response carries the security headers below.
import { Hono, type MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { serveStatic } from "@hono/node-server/serve-static";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { AppEnv } from "./app-env";

/** Paths that belong to the backend: never answered with the console's index.html. */
const backendPath = /^\/(api|t|u|health|oauth|hooks)(\/|$)/;
/** A last segment with an extension names a file: a missing one is a 404, not the app. */
const namesFile = (path: string) => /\.[A-Za-z0-9]+$/.test(path.slice(path.lastIndexOf("/") + 1));

const csp = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // React sets style attributes through the CSSOM (allowed); the stylesheet is a file.
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};
const consoleHeaders = secureHeaders({ contentSecurityPolicy: csp, xFrameOptions: "DENY" });
// The host sign-in page (/connect) opens in Outlook's Office dialog, which cannot talk back to the pane through a
// window with Cross-Origin-Opener-Policy: same-origin (the dialog then closes with 12006). Set explicitly, so the
// app-wide headers (which fill in what is absent) do not add same-origin back.
const connectHeaders = secureHeaders({
  contentSecurityPolicy: csp,
  xFrameOptions: "DENY",
  crossOriginOpenerPolicy: "unsafe-none",
});

const notBuilt = `<!doctype html><meta charset="utf-8"><title>Threadline</title>
<body style="font-family:system-ui;max-width:32rem;margin:4rem auto"><h1>The console is not built</h1>
<p>Run <code>pnpm build</code> (or <code>pnpm start</code>, which builds first) and reload.</p></body>`;

export function consoleStatic(opts: { distDir: string }) {
  const index = join(opts.distDir, "index.html");
  const guard: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (backendPath.test(c.req.path)) return c.notFound();
    await next();
  };
  const headers: MiddlewareHandler<AppEnv> = async (c, next) => {
    const secure = c.req.path === "/connect" || c.req.path.startsWith("/connect/") ? connectHeaders : consoleHeaders;
    await secure(c, next);
    // Vite names assets by content hash: cached for good. index.html and the rest are revalidated.
    if (c.res.ok) {
      c.res.headers.set("Cache-Control", c.req.path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    }
  };
  const files = serveStatic<AppEnv>({ root: opts.distDir });
  const app = serveStatic<AppEnv>({ path: index });
  const fallback: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (namesFile(c.req.path)) return c.notFound();
    if (!existsSync(index)) return c.html(notBuilt, 503);
    return app(c, next);
  };
  return new Hono<AppEnv>().get("*", guard, headers, files, fallback);
}
