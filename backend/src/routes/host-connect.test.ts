import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createTestApp, type TestApp } from "../testing/test-app";

const EXT = "abcdefghijklmnopabcdefghijklmnop";
let t: TestApp;
let cookie: string;
beforeEach(async () => {
  t = await createTestApp({ config: { corsOrigins: [`chrome-extension://${EXT}`] } });
  cookie = await t.sessionFor(t.aRep);
});
afterEach(() => t.close());

describe("POST /connect (host sign-in through the console)", () => {
  test("Gmail extension: a token labelled 'Gmail extension' in the chromiumapp.org fragment; revoking it signs the host out", async () => {
    const r = await t.call("POST", "/api/v1/connect", {
      session: cookie,
      body: { client: "gmail-extension", redirectUri: `https://${EXT}.chromiumapp.org/threadline` },
    });
    expect(r.status).toBe(201);
    expect(r.json.token).toMatchObject({ name: "Gmail extension", userId: t.aRep.userId });
    const url = new URL(r.json.redirectTo);
    expect([url.origin, url.pathname, url.search]).toEqual([`https://${EXT}.chromiumapp.org`, "/threadline", ""]);
    const token = new URLSearchParams(url.hash.slice(1)).get("token")!;
    expect(token).toBe(r.json.token.token);
    expect((await t.call("GET", "/api/v1/me", { token })).json.user.id).toBe(t.aRep.userId);

    const listed = await t.call("GET", "/api/v1/tokens", { session: cookie });
    expect(listed.json.items.map((k: { name: string }) => k.name)).toContain("Gmail extension");
    expect((await t.call("DELETE", `/api/v1/tokens/${r.json.token.id}`, { session: cookie })).status).toBe(200);
    expect((await t.call("GET", "/api/v1/me", { token })).status).toBe(401);
  });

  test("Outlook add-in: the messageParent string carries the token", async () => {
    const r = await t.call("POST", "/api/v1/connect", { session: cookie, body: { client: "outlook-addin" } });
    expect([r.status, r.json.token.name, r.json.redirectTo]).toEqual([201, "Outlook add-in", null]);
    const msg = JSON.parse(r.json.message);
    expect(msg).toEqual({ type: "threadline-token", token: r.json.token.token });
    expect((await t.call("GET", "/api/v1/me", { token: msg.token })).status).toBe(200);
  });

  test("an API token cannot mint host tokens", async () => {
    const r = await t.call("POST", "/api/v1/connect", { token: t.aRep.token, body: { client: "outlook-addin" } });
    expect([r.status, r.json.error.code]).toEqual([403, "forbidden"]);
  });

  test.each([
    ["http", `http://${EXT}.chromiumapp.org/cb`],
    ["another host", "https://evil.example/cb"],
    ["lookalike suffix", `https://${EXT}.chromiumapp.org.evil.example/cb`],
    ["userinfo", `https://x@${EXT}.chromiumapp.org/cb`],
    ["port", `https://${EXT}.chromiumapp.org:8443/cb`],
    ["short id", "https://abc.chromiumapp.org/cb"],
    ["letters beyond p", `https://${"z".repeat(32)}.chromiumapp.org/cb`],
    ["query", `https://${EXT}.chromiumapp.org/cb?x=1`],
    ["fragment", `https://${EXT}.chromiumapp.org/cb#a`],
    ["no path", `https://${EXT}.chromiumapp.org`],
    ["backslash", `https://${EXT}.chromiumapp.org\\@evil.example/`],
    ["protocol-relative", `//${EXT}.chromiumapp.org/cb`],
  ])("redirectUri refused (400, no token made): %s", async (_, redirectUri) => {
    const r = await t.call("POST", "/api/v1/connect", { session: cookie, body: { client: "gmail-extension", redirectUri } });
    expect([r.status, JSON.stringify(r.json.error).includes("redirectUri")]).toEqual([400, true]);
    const listed = await t.call("GET", "/api/v1/tokens", { session: cookie });
    expect(listed.json.items.some((k: { name: string }) => k.name === "Gmail extension")).toBe(false);
  });

  test("an extension this server does not trust (CORS_ORIGINS) gets nothing", async () => {
    const other = "ponmlkjihgfedcbaponmlkjihgfedcba";
    const r = await t.call("POST", "/api/v1/connect", {
      session: cookie,
      body: { client: "gmail-extension", redirectUri: `https://${other}.chromiumapp.org/cb` },
    });
    expect([r.status, r.json.error.message]).toEqual([400, expect.stringContaining("not one this server trusts")]);
  });

  test("missing or unknown client is a 400", async () => {
    for (const body of [
      {},
      { client: "thunderbird" },
      { client: "gmail-extension" },
      { client: "outlook-addin", redirectUri: "x" },
    ]) {
      expect((await t.call("POST", "/api/v1/connect", { session: cookie, body })).status).toBe(400);
    }
  });
});
