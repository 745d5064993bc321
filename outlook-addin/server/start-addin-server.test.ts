import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { request } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { loadCertificate } from "./load-certificate";
import { startAddinServer, type AddinServer } from "./start-addin-server";

let dir: string;
let backend: Server;
let server: AddinServer;
let downServer: AddinServer;

/** GET over https to the self-signed server (the test trusts it explicitly via rejectUnauthorized: false). */
const get = (base: string, path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; body: string; type: string | undefined }>((resolve, reject) => {
    const u = new URL(base);
    const req = request({ hostname: u.hostname, port: u.port, path, headers, rejectUnauthorized: false }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, type: res.headers["content-type"] }));
    });
    req.on("error", reject);
    req.end();
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tl-addin-server-"));
  mkdirSync(join(dir, "dist/assets"), { recursive: true });
  writeFileSync(join(dir, "dist/taskpane.html"), "<p>pane</p>");
  writeFileSync(join(dir, "dist/assets/icon-16.png"), "png");
  writeFileSync(join(dir, "secret.txt"), "outside dist");
  backend = createServer((req, res) => {
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ path: req.url, auth: req.headers.authorization ?? null }));
  });
  await new Promise<void>((r) => backend.listen(0, "127.0.0.1", r));
  const certificate = await loadCertificate({ dataDir: join(dir, "data") });
  const port = (backend.address() as AddressInfo).port;
  server = await startAddinServer({
    distDir: join(dir, "dist"),
    certificate,
    backendUrl: `http://127.0.0.1:${port}`,
    port: 0,
    host: "127.0.0.1",
  });
  downServer = await startAddinServer({
    distDir: join(dir, "dist"),
    certificate,
    backendUrl: "http://127.0.0.1:1",
    port: 0,
    host: "127.0.0.1",
  });
});

afterAll(async () => {
  await server?.close();
  await downServer?.close();
  await new Promise((r) => backend?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

test("serves the built pane with content types, and nothing outside dist/", async () => {
  expect(await get(server.url, "/taskpane.html?mode=read")).toMatchObject({
    status: 200,
    body: "<p>pane</p>",
    type: "text/html; charset=utf-8",
  });
  expect(await get(server.url, "/assets/icon-16.png")).toMatchObject({ status: 200, type: "image/png" });
  expect((await get(server.url, "/../secret.txt")).status).toBe(404);
  expect((await get(server.url, "/%2e%2e/secret.txt")).status).toBe(404);
  expect((await get(server.url, "/%2e%2e%2fsecret.txt")).status).toBe(404);
  expect((await get(server.url, "/nope.js")).status).toBe(404);
});

test("forwards /api and /health to the backend with the Authorization header", async () => {
  const res = await get(server.url, "/api/v1/card?email=a%40b.co", { authorization: "Bearer tl_x" });
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body)).toEqual({ path: "/api/v1/card?email=a%40b.co", auth: "Bearer tl_x" });
  expect(JSON.parse((await get(server.url, "/health")).body)).toMatchObject({ path: "/health" });
});

test("a stopped backend is a 502 in the API's error shape", async () => {
  const res = await get(downServer.url, "/api/v1/card?email=a%40b.co");
  expect(res.status).toBe(502);
  expect(JSON.parse(res.body).error).toMatchObject({ code: "unavailable", message: expect.stringMatching(/not reachable/) });
});

test("the self-signed certificate is made once and reused", async () => {
  const again = await loadCertificate({ dataDir: join(dir, "data") });
  expect(again.generated).toBe(false);
  expect(again.cert).toContain("BEGIN CERTIFICATE");
});
