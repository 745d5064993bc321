// The dedicated tracking server: `pnpm --filter @threadline/backend start:tracking`. It serves only the public
// tracking routes (open pixel, click redirect) and /health on HOST:TRACKING_PORT, recording exactly as the
// all-in-one backend does (same routes, spool, writer thread, SIGTERM flush, crash replay), into the same database.
// Why a second process: the request thread of the all-in-one backend shares its isolate with every API route,
// mail client and parser; measured with identical code, a bare route answers ~10 % slower in such a process than in
// a small one (README, "Benchmarks"). Pixel fetches come in floods, so they get the small process: point
// TRACKING_PUBLIC_URL at this server and new mail carries its links. The backend keeps answering /t/* as well, so
// links already sent keep working. One tracking server per DATA_DIR (it has its own spool there).
import { serve } from "@hono/node-server";
import type { Server } from "node:http";
import { openDatabase } from "./db/client";
import { databaseOptionsOf, env, httpUrl } from "./env";
import { createTrackingPublicRoutes, trackingOnlyApp } from "./routes/tracking-public";
import { loadSigningSecret } from "./security/load-signing-secret";
import { startTracking } from "./tracking/start-tracking";

const database = await openDatabase(databaseOptionsOf(env));
// The same key as the backend's (SIGNING_SECRET, else the one it persisted in DATA_DIR), or no token would verify.
const signingSecret = loadSigningSecret({ configured: env.SIGNING_SECRET, dataDir: env.DATA_DIR });
const tracking = await startTracking({ env, database, signingSecret, role: "tracking-server" });
const app = trackingOnlyApp(
  createTrackingPublicRoutes({ recorder: tracking.recorder, db: database.db, signingSecret, trustProxy: env.TRUST_PROXY }),
).get("/health", (c) => c.json({ ok: true }, 200));

const server = serve({ fetch: app.fetch, port: env.TRACKING_PORT, hostname: env.HOST }, (info) => {
  const base = httpUrl(info.address, info.port);
  console.log(`Threadline tracking server listening on ${base}`);
  console.log(`  pixel and click links: ${base}/t/…   (set TRACKING_PUBLIC_URL to its public URL)`);
  console.log(`  database: ${env.DATABASE_URL ?? `file:${env.DATA_DIR}/threadline.db`}`);
  console.log(`  Apple egress ranges: ${tracking.apple.path}${tracking.apple.sample ? " (shipped sample)" : ""}`);
});
tracking.exitOnSignals(server as Server);
