// Baseline for bench:tracking: a bare Hono route serving the same 43-byte GIF with the same headers, and
// nothing else (no token check, no recording, no middleware). Prints "listening on <url>" like the server.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { pixelGif, pixelHeaders } from "../backend/src/tracking/pixel-gif";

const app = new Hono().get("/t/o/:file", (c) => c.body(pixelGif, 200, pixelHeaders));
serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}`);
});
process.on("SIGTERM", () => process.exit(0));
