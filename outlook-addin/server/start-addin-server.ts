// A small HTTPS server for sideloading: serves the built pane (dist/) and forwards /api/* and /health to the
// backend, so the pane and the API share one origin. Used by `pnpm start`, the e2e test and bench:pane.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import type { Certificate } from "./load-certificate";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

export interface AddinServer {
  /** https://host:port */
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startAddinServer(opts: {
  distDir: string;
  certificate: Pick<Certificate, "cert" | "key">;
  backendUrl: string;
  port: number;
  host: string;
}): Promise<AddinServer> {
  const backend = new URL(opts.backendUrl);
  const root = normalize(opts.distDir + sep);

  function proxy(req: IncomingMessage, res: ServerResponse) {
    const send = backend.protocol === "https:" ? httpsRequest : httpRequest;
    const upstream = send(
      {
        protocol: backend.protocol,
        hostname: backend.hostname,
        port: backend.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: backend.host },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(502, { "content-type": "application/json" }).end(
        JSON.stringify({
          error: { code: "unavailable", message: `The Threadline backend at ${backend.origin} is not reachable; is it running?` },
        }),
      );
    });
    req.pipe(upstream);
  }

  function serveFile(req: IncomingMessage, res: ServerResponse) {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "https://x").pathname);
    const rel = pathname === "/" ? "support.html" : pathname.replace(/^\/+/, "");
    const file = normalize(join(root, rel));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      // Panes are reloaded by Outlook often; HTML must be fresh, hashed-less bundles revalidate cheaply.
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    });
    if (req.method === "HEAD") return void res.end();
    createReadStream(file).pipe(res);
  }

  const server = createServer({ cert: opts.certificate.cert, key: opts.certificate.key }, (req, res) => {
    const path = req.url ?? "/";
    if (path.startsWith("/api/") || path === "/health") return proxy(req, res);
    if (req.method !== "GET" && req.method !== "HEAD") return void res.writeHead(405).end();
    serveFile(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  return {
    url: `https://${host}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
