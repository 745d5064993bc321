// Failed bearer authentication is slowed (issue 20: 780 wrong tokens, never a 429): per client address and per token
// prefix, 429 + Retry-After once a key has spent its failures, before the token is even looked up.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createApp } from "../app";
import { openDatabase, type Database } from "../db/client";
import { createWorkspaceWithOwner } from "../repo/workspaces";
import { generateTokenSecret } from "./auth";

let database: Database;
let token: string;
const limits = { perAddress: 5, perPrefix: 3, windowSeconds: 60, blockSeconds: 120 };

beforeEach(async () => {
  database = await openDatabase({ url: ":memory:" });
  token = (await createWorkspaceWithOwner(database.db, { name: "A", ownerEmail: "o@a.example", ownerName: "O" })).token;
});
afterEach(() => database.close());

function appWith(trustProxy: boolean) {
  const app = createApp({
    db: database.db,
    config: {
      publicUrl: "http://127.0.0.1:8787",
      corsOrigins: [],
      signingSecret: "s".repeat(32),
      encryptionKey: null,
      trustProxy,
    },
    authThrottle: limits,
  });
  return (secret: string, forwardedFor?: string) =>
    app.request("/api/v1/me", {
      headers: { authorization: `Bearer ${secret}`, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
    });
}

async function expectThrottled(res: Response) {
  expect(res.status).toBe(429);
  const retry = Number(res.headers.get("retry-after"));
  expect(retry).toBeGreaterThan(60);
  expect(retry).toBeLessThanOrEqual(120);
  const body = (await res.json()) as { error: unknown };
  expect(body.error).toMatchObject({ code: "rate_limited", message: expect.stringContaining("Too many failed") });
}

describe("auth throttle", () => {
  test("per address: after its failures even a valid token from that address waits; another address does not", async () => {
    const call = appWith(true);
    const statuses: number[] = [];
    // Random prefixes, so only the address limit applies.
    for (let i = 0; i < 6; i++) statuses.push((await call(generateTokenSecret(), "198.51.100.7")).status);
    // 5 failures allowed; the 6th spends the last point.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    await expectThrottled(await call(token, "198.51.100.7"));
    expect((await call(token, "198.51.100.8")).status).toBe(200);
  });

  test("per token prefix: guesses spread over addresses are slowed for that prefix only", async () => {
    const call = appWith(true);
    const prefix = token.slice(0, 8);
    const guess = (i: number) => `${prefix}${"x".repeat(35)}${i}`;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(guess(i), `203.0.113.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    await expectThrottled(await call(guess(9), "203.0.113.99"));
    // Another prefix from a fresh address is unaffected.
    expect((await call(generateTokenSecret(), "203.0.113.100")).status).toBe(401);
  });

  test("X-Forwarded-For is ignored unless TRUST_PROXY: a client cannot pick a fresh address per try", async () => {
    const call = appWith(false);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await call(generateTokenSecret(), `192.0.2.${i}`)).status);
    expect(statuses.slice(-2)).toEqual([429, 429]);
  });

  test("behind the proxy the last X-Forwarded-For entry counts, not the first (which the client writes)", async () => {
    const call = appWith(true);
    for (let i = 0; i < 6; i++) await call(generateTokenSecret(), `10.9.9.${i}, 198.51.100.20`);
    await expectThrottled(await call(token, "10.0.0.1, 198.51.100.20"));
  });

  test("successful requests cost nothing", async () => {
    const call = appWith(true);
    for (let i = 0; i < 20; i++) expect((await call(token, "198.51.100.30")).status).toBe(200);
    expect((await call(generateTokenSecret(), "198.51.100.30")).status).toBe(401);
  });
});
