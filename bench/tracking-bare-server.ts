// Baseline for bench:tracking: a bare Hono route serving the same 43-byte GIF with the same headers, and
// nothing else (no token check, no recording, no middleware). Prints "listening on <url>" like the server.
// BARE_IN_BACKEND=1: the same bare route, served by a process that has first loaded and built the whole backend
// app (every module, its database, every router) without using it: what the pixel would cost with no recording
// at all, inside a process the size of the backend's. bench:tracking reports it as a third figure.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { pixelGif, pixelHeaders } from "../backend/src/tracking/pixel-gif";

if (process.env.BARE_IN_BACKEND === "1") {
  const { env } = await import("../backend/src/env");
  const { openDatabase } = await import("../backend/src/db/client");
  const { appConfigFromEnv } = await import("../backend/src/app-config-from-env");
  const { createServerFetch } = await import("../backend/src/app");
  const database = await openDatabase({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN, dataDir: env.DATA_DIR });
  // Built and kept reachable for the life of the process, never called.
  (globalThis as { benchBackend?: unknown }).benchBackend = createServerFetch({ db: database.db, config: appConfigFromEnv(env) });
}

const app = new Hono().get("/t/o/:file", (c) => c.body(pixelGif, 200, pixelHeaders));
serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}`);
});
process.on("SIGTERM", () => process.exit(0));
