// Security headers on every response (issue 20: none carried nosniff, a CSP / frame-ancestors or Referrer-Policy):
// API answers and errors, the public document, unknown paths, and — through the server's own fetch, which hands /t/*
// to the tracking-only app — the pixel, the click redirect and their 404s.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createServerFetch } from "../app";
import { signToken } from "../security/sign-token";
import { createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
let serverFetch: ReturnType<typeof createServerFetch>["fetch"];
const secret = "test-signing-secret-0123456789abcdef";
beforeAll(async () => {
  t = await createTestApp();
  ({ fetch: serverFetch } = createServerFetch({
    db: t.db,
    config: { publicUrl: "http://127.0.0.1:8787", corsOrigins: [], signingSecret: secret, encryptionKey: null },
  }));
});
afterAll(() => t.close());

// What server.ts's fetch sees: a Request and Node's incoming message (its url decides the tracking fast path).
const viaServer = (path: string, init: RequestInit = {}) =>
  serverFetch(new Request(`http://127.0.0.1:8787${path}`, init), {
    incoming: { url: path, method: init.method ?? "GET", rawHeaders: [], socket: { remoteAddress: "127.0.0.1" } },
  } as never);

function expectSecured(res: Response, csp: RegExp = /frame-ancestors 'none'/) {
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  expect(res.headers.get("content-security-policy")).toMatch(csp);
  expect(res.headers.get("x-frame-options")).toBe("DENY");
}

test.each([
  ["an API answer", "GET", "/api/v1/me", 200],
  ["a 401", "GET", "/api/v1/contacts", 401],
  ["a 415", "POST", "/api/v1/contacts", 415],
  ["the OpenAPI document", "GET", "/api/v1/openapi.json", 200],
  ["health", "GET", "/health", 200],
  ["an unknown path", "GET", "/nope", 404],
  ["an invalid unsubscribe link's page", "GET", "/u/forged.token", 404],
])("%s carries the security headers", async (_name, method, path, status) => {
  const res = await t.app.request(path, {
    method,
    headers: {
      ...(path === "/api/v1/contacts" && status === 401 ? {} : { authorization: `Bearer ${t.a.token}` }),
      ...(method === "POST" ? { "content-type": "text/plain" } : {}),
    },
    ...(method === "POST" ? { body: "x" } : {}),
  });
  expect(res.status).toBe(status);
  expectSecured(res);
});

test("the API's CSP allows only its own origin", async () => {
  const res = await t.app.request("/health");
  expect(res.headers.get("content-security-policy")).toBe(
    "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
  );
});

test.each([
  ["the pixel", () => `/t/o/${signToken({ secret, purpose: "open", id: "sj_x" })}.gif`, 200],
  ["a forged click ticket", () => "/t/c/lk_0.AAAAAAAAAAAAAAAAAAAAAA", 404],
  ["an unknown tracking path", () => "/t/zzz", 404],
])("%s (tracking-only app) carries them too, embeddable cross-origin", async (_name, path, status) => {
  const res = await viaServer(path());
  expect(res.status).toBe(status);
  expectSecured(res, /^default-src 'none'; frame-ancestors 'none'$/);
  expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
});
