// Entra (nested app authentication) tokens through the real auth middleware, verified against a JWKS served by a
// local HTTP server and tokens signed here: the good one passes, every forged or misdirected one is refused.
import { eq } from "drizzle-orm";
import type { JWTPayload, CryptoKey } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../app";
import { openDatabase } from "../db/client";
import { users } from "../db/schema";
import { createWorkspaceWithOwner } from "../repo/workspaces";
import { startLocalEntra, type LocalEntra } from "../testing/local-entra";
import type { EntraConfig } from "./entra";

const OID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

let tenant: LocalEntra;
let otherKey: CryptoKey;
let entra: EntraConfig;
let db: Awaited<ReturnType<typeof openDatabase>>;
let app: ReturnType<typeof createApp>;
let apiToken: string;

beforeAll(async () => {
  tenant = await startLocalEntra();
  entra = tenant.config;
  otherKey = tenant.otherKey;

  db = await openDatabase({ url: ":memory:" });
  const ws = await createWorkspaceWithOwner(db.db, { name: "A", ownerEmail: "owner@a.example", ownerName: "Owner A" });
  apiToken = ws.token;
  await db.db.update(users).set({ entraOid: OID }).where(eq(users.id, ws.userId));
  app = createApp({
    db: db.db,
    config: {
      publicUrl: "http://127.0.0.1:8787",
      corsOrigins: [],
      signingSecret: "test-signing-secret-0123456789abcdef",
      encryptionKey: null,
      entra,
    },
  });
});

afterAll(async () => {
  db?.close();
  await tenant?.close();
});

const sign = (claims: JWTPayload, opts: { key?: CryptoKey; kid?: string; expiresIn?: string | number } = {}) =>
  tenant.sign("oid" in claims ? (claims.oid as string | undefined) : OID, claims, opts);

const get = (token: string, a = app) => a.request("/api/v1/contacts", { headers: { authorization: `Bearer ${token}` } });

describe("Entra tokens in the auth middleware", () => {
  test("a valid token signs in the user linked by oid", async () => {
    const res = await get(await sign({}));
    expect(res.status).toBe(200);
    expect(tenant.jwksRequests()).toBeGreaterThan(0); // the keys really came from the JWKS server
    expect(await res.json()).toHaveProperty("items");
  });

  test("API tokens keep working beside Entra", async () => {
    expect((await get(apiToken)).status).toBe(200);
  });

  test.each<[string, () => Promise<string>, RegExp]>([
    ["wrong audience", () => sign({ aud: "api://someone-else" }), /another application \(audience\)/],
    [
      "wrong issuer",
      () => sign({ iss: "https://login.microsoftonline.com/99999999-0000-0000-0000-000000000000/v2.0" }),
      /another tenant or issuer/,
    ],
    ["expired", () => sign({}, { expiresIn: Math.floor(Date.now() / 1000) - 3600 }), /expired; sign in again/],
    ["unknown oid", () => sign({ oid: "ffffffff-0000-0000-0000-000000000000" }), /No active Threadline user is linked/],
    ["forged signature (other key, same kid)", () => sign({}, { key: otherKey }), /signature is invalid/],
    ["unknown signing key", () => sign({}, { key: otherKey, kid: "key-2" }), /key the tenant does not publish/],
    ["missing scope", () => sign({ scp: "User.Read" }), /lacks the scope "access_as_user"/],
    ["no oid", () => sign({ oid: undefined }), /no user object id/],
  ])("refuses %s with 401 and a readable reason", async (_name, make, message) => {
    const res = await get(await make());
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("unauthorized");
    expect(body.error.message).toMatch(message);
  });

  test("a deactivated user is refused", async () => {
    await db.db.update(users).set({ active: false }).where(eq(users.entraOid, OID));
    try {
      expect((await get(await sign({}))).status).toBe(401);
    } finally {
      await db.db.update(users).set({ active: true }).where(eq(users.entraOid, OID));
    }
  });

  test("without Entra configured, a JWT is just an unknown API token", async () => {
    const plain = createApp({
      db: db.db,
      config: { publicUrl: "http://127.0.0.1:8787", corsOrigins: [], signingSecret: "x".repeat(32), encryptionKey: null },
    });
    const res = await get(await sign({}), plain);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/API token is unknown/);
  });

  test("unreachable signing keys are a 503 (retry), not a sign-out", async () => {
    const down = createApp({
      db: db.db,
      config: {
        publicUrl: "http://127.0.0.1:8787",
        corsOrigins: [],
        signingSecret: "x".repeat(32),
        encryptionKey: null,
        entra: { ...entra, jwksUrl: "http://127.0.0.1:1/keys" },
      },
    });
    const res = await get(await sign({}), down);
    expect(res.status).toBe(503);
  });
});
