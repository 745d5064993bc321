// Console accounts end to end through the app: first-run setup, sign-in and its limits, cookies, CSRF, sign-out,
// the session list and "sign out everywhere".
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { createApp } from "../app";
import { openDatabase, type Database } from "../db/client";
import { authSessions, users } from "../db/schema";
import type { AppConfig } from "../http/app-env";
import { cookieHeaderOf, createTestApp, TEST_ORIGIN, TEST_PASSWORD, type TestApp } from "../testing/test-app";

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  headers: { "content-type": "application/json", origin: TEST_ORIGIN, ...headers },
  body: JSON.stringify(body),
});

/** An app on an empty database (no workspace yet), as after a fresh install with SEED_DEMO=false. */
async function emptyApp(config: Partial<AppConfig> = {}) {
  const database = await openDatabase({ url: ":memory:" });
  const app = createApp({
    db: database.db,
    config: {
      publicUrl: TEST_ORIGIN,
      corsOrigins: [],
      signingSecret: "test-signing-secret-0123456789abcdef",
      encryptionKey: null,
      ...config,
    },
  });
  return { app, database };
}

const setupBody = {
  workspaceName: "Bright Export Ltd",
  name: "Mei Chen",
  email: "Mei.Chen@bright-export.example",
  password: "jade-river-copper-88",
};

describe("first-run setup", () => {
  let app: ReturnType<typeof createApp>;
  let database: Database;
  beforeAll(async () => ({ app, database } = await emptyApp()));
  afterAll(() => database.close());

  test("is needed on an empty database; a weak password is refused naming the field, and nothing is written", async () => {
    expect(await (await app.request("/api/v1/setup")).json()).toEqual({ needed: true });
    for (const password of ["short", "mei.chen@bright-export.example", "MyPassword123"]) {
      const r = await app.request("/api/v1/setup", { method: "POST", ...json({ ...setupBody, password }) });
      expect(r.status).toBe(400);
      const body: any = await r.json();
      expect(body.error.details.fields.map((f: { path: string }) => f.path)).toEqual(["password"]);
    }
    const missing = await app.request("/api/v1/setup", { method: "POST", ...json({ email: "x@y.example" }) });
    expect(((await missing.json()) as any).error.message).toMatch(/workspaceName.*name.*password/s);
    expect((await database.client.execute("SELECT count(*) AS n FROM workspaces")).rows[0]!.n).toBe(0);
  });

  test("creates the workspace and its owner, signs in with an HttpOnly SameSite=Lax cookie; refused for good after", async () => {
    const r = await app.request("/api/v1/setup", { method: "POST", ...json(setupBody) });
    expect(r.status).toBe(201);
    const me: any = await r.json();
    expect(me.user).toMatchObject({ email: "mei.chen@bright-export.example", name: "Mei Chen", role: "owner" });
    expect(me.workspace.name).toBe("Bright Export Ltd");
    const [cookie] = r.headers.getSetCookie();
    expect(cookie).toMatch(/^threadline\.session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);

    const again = await app.request("/api/v1/me", { headers: { cookie: cookieHeaderOf(r) } });
    expect(again.status).toBe(200);
    expect(((await again.json()) as any).user.id).toBe(me.user.id);

    expect(await (await app.request("/api/v1/setup")).json()).toEqual({ needed: false });
    const second = await app.request("/api/v1/setup", {
      method: "POST",
      ...json({ ...setupBody, email: "intruder@evil.example" }),
    });
    expect(second.status).toBe(409);
    expect((await database.client.execute("SELECT count(*) AS n FROM users")).rows[0]!.n).toBe(1);
  });

  test("a setup from a foreign Origin is refused (login CSRF)", async () => {
    const { app: fresh, database: db } = await emptyApp();
    const r = await fresh.request("/api/v1/setup", {
      method: "POST",
      ...json(setupBody, { origin: "https://evil.example" }),
    });
    expect(r.status).toBe(403);
    expect(await (await fresh.request("/api/v1/setup")).json()).toEqual({ needed: true });
    db.close();
  });

  test("the console opened on another name of this server (127.0.0.1 vs PUBLIC_URL's localhost) may set up; a foreign page may not", async () => {
    const { app: fresh, database: db } = await emptyApp({ publicUrl: "http://localhost:8787" });
    const at = (origin: string) =>
      fresh.request("http://127.0.0.1:8787/api/v1/setup", {
        method: "POST",
        ...json(setupBody, { origin, host: "127.0.0.1:8787" }),
      });
    expect((await at("http://127.0.0.1:9999")).status).toBe(403);
    expect((await at("http://evil.example")).status).toBe(403);
    expect((await at("http://127.0.0.1:8787")).status).toBe(201);
    db.close();
  });

  test("behind https the cookie is Secure (and __Secure- prefixed)", async () => {
    const { app: secure, database: db } = await emptyApp({ publicUrl: "https://crm.bright-export.example" });
    const r = await secure.request("https://crm.bright-export.example/api/v1/setup", {
      method: "POST",
      ...json(setupBody, { origin: "https://crm.bright-export.example" }),
    });
    expect(r.status).toBe(201);
    const [cookie] = r.headers.getSetCookie();
    expect(cookie).toMatch(/^__Secure-threadline\.session_token=/);
    expect(cookie).toMatch(/; Secure/i);
    db.close();
  });
});

describe("sign-in, cookies and sessions", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { signInLimits: { perAccount: 3, perIp: 5, windowSeconds: 600 }, trustProxy: true } });
  });
  afterAll(() => t.close());
  const sessionRows = async () => (await t.client.execute("SELECT count(*) AS n FROM auth_sessions")).rows[0]!.n;

  test("a wrong password is 401 naming the password field and creates no session", async () => {
    await t.sessionFor(t.aRep); // gives the rep a login
    const before = await sessionRows();
    const r = await t.call("POST", "/api/v1/session", {
      token: null,
      body: { email: "rep@a.example", password: "not-the-right-one" },
      headers: { "x-forwarded-for": "203.0.113.1" },
    });
    expect(r.status).toBe(401);
    expect(r.json.error.details.fields[0].path).toBe("password");
    expect(r.headers.getSetCookie()).toEqual([]);
    expect(await sessionRows()).toBe(before);
  });

  test("a session works on every kind of route like the user's token, and GET /me says who", async () => {
    const cookie = await t.sessionFor(t.aViewer);
    const me = await t.call("GET", "/api/v1/me", { session: cookie });
    expect([me.status, me.json.user.role]).toEqual([200, "viewer"]);
    // The same role rules: a viewer's session does not write.
    const write = await t.call("POST", "/api/v1/contacts", { session: cookie, body: { email: "x@y.example" } });
    expect(write.status).toBe(403);
  });

  test("cookie-authenticated writes need the console's Origin (CSRF); bearer calls do not", async () => {
    const cookie = await t.sessionFor(t.aRep);
    const body = { email: "csrf.check@example.com" };
    const none = await t.call("POST", "/api/v1/contacts", { session: cookie, body, headers: { origin: "" } });
    expect(none.status).toBe(403);
    const evil = await t.call("POST", "/api/v1/contacts", { session: cookie, body, headers: { origin: "https://evil.example" } });
    expect([evil.status, evil.json.error.message]).toEqual([403, expect.stringContaining("https://evil.example")]);
    expect((await t.call("GET", "/api/v1/contacts?q=csrf.check", { token: t.aRep.token })).json.items).toEqual([]);
    // A read needs no Origin.
    expect((await t.call("GET", "/api/v1/me", { session: cookie, headers: { origin: "" } })).status).toBe(200);
    const ok = await t.call("POST", "/api/v1/contacts", { session: cookie, body });
    expect(ok.status).toBe(201);
    const bearer = await t.call("POST", "/api/v1/contacts", {
      token: t.aRep.token,
      body: { email: "bearer.write@example.com" },
      headers: { origin: "https://evil.example" },
    });
    expect(bearer.status).toBe(201);
  });

  test("failed sign-ins are slowed per account: 429 with Retry-After, even with the right password", async () => {
    const ip = { "x-forwarded-for": "198.51.100.7" };
    await t.sessionFor(t.a); // the owner's login
    for (let i = 0; i < 3; i++) {
      const r = await t.call("POST", "/api/v1/session", {
        token: null,
        body: { email: "owner@a.example", password: `wrong-${i}-attempt` },
        headers: ip,
      });
      expect(r.status).toBe(401);
    }
    const limited = await t.call("POST", "/api/v1/session", {
      token: null,
      body: { email: "owner@a.example", password: TEST_PASSWORD },
      headers: { "x-forwarded-for": "198.51.100.8" },
    });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another account from another address is not affected.
    const other = await t.call("POST", "/api/v1/session", {
      token: null,
      body: { email: "rep@a.example", password: TEST_PASSWORD },
      headers: { "x-forwarded-for": "198.51.100.9" },
    });
    expect(other.status).toBe(200);
  });

  test("failed sign-ins are slowed per address, whatever the accounts tried", async () => {
    const ip = { "x-forwarded-for": "192.0.2.50" };
    for (let i = 0; i < 5; i++) {
      const r = await t.call("POST", "/api/v1/session", {
        token: null,
        body: { email: `nobody${i}@a.example`, password: "some-guess-123" },
        headers: ip,
      });
      expect(r.status).toBe(401);
    }
    const r = await t.call("POST", "/api/v1/session", {
      token: null,
      body: { email: "rep@a.example", password: TEST_PASSWORD },
      headers: ip,
    });
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  test("sign-out ends the session on the server; the cookie no longer works", async () => {
    const cookie = await t.sessionFor(t.aRep);
    const out = await t.call("DELETE", "/api/v1/session", { session: cookie });
    expect([out.status, out.json]).toEqual([200, { signedOut: true }]);
    expect(out.headers.getSetCookie().join()).toMatch(/threadline\.session_token=;/);
    const after = await t.call("GET", "/api/v1/me", { session: cookie });
    expect([after.status, after.json.error.code]).toEqual([401, "unauthorized"]);
    // Signing out with a token is refused: there is no session to end.
    expect((await t.call("DELETE", "/api/v1/session", { token: t.aRep.token })).status).toBe(409);
  });

  test("the session list marks the current one; one session can be ended; sign out everywhere ends them all", async () => {
    const first = await t.sessionFor(t.aRep);
    const second = await t.sessionFor(t.aRep);
    const list = await t.call("GET", "/api/v1/sessions", { session: second });
    expect(list.status).toBe(200);
    expect(list.json.items.length).toBeGreaterThanOrEqual(2);
    expect(list.json.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const current = list.json.items.find((s: { current: boolean }) => s.current);
    expect(current.ipAddress).toBe("127.0.0.1");

    const other = list.json.items.find((s: { current: boolean }) => !s.current);
    expect((await t.call("DELETE", `/api/v1/sessions/${other.id}`, { session: second })).json).toEqual({ ended: 1 });
    // Someone else's session id looks absent.
    const ownerCookie = await t.sessionFor(t.b);
    const ownerSession = (await t.call("GET", "/api/v1/sessions", { session: ownerCookie })).json.items[0].id;
    expect((await t.call("DELETE", `/api/v1/sessions/${ownerSession}`, { session: second })).status).toBe(404);

    const everywhere = await t.call("DELETE", "/api/v1/sessions", { session: second });
    expect(everywhere.status).toBe(200);
    expect(everywhere.json.ended).toBeGreaterThanOrEqual(1);
    for (const cookie of [first, second]) expect((await t.call("GET", "/api/v1/me", { session: cookie })).status).toBe(401);
    expect((await t.call("GET", "/api/v1/me", { session: ownerCookie })).status).toBe(200);
  });

  test("a deactivated user's session stops at once, and they cannot sign in again", async () => {
    const cookie = await t.sessionFor(t.aViewer);
    await t.db.update(users).set({ active: false }).where(eq(users.id, t.aViewer.userId));
    expect((await t.call("GET", "/api/v1/me", { session: cookie })).status).toBe(401);
    const r = await t.call("POST", "/api/v1/session", {
      token: null,
      body: { email: "viewer@a.example", password: TEST_PASSWORD },
    });
    expect([r.status, r.json.error.message]).toEqual([401, expect.stringContaining("deactivated")]);
    await t.db.update(users).set({ active: true }).where(eq(users.id, t.aViewer.userId));
  });

  test("deactivating through the API deletes the user's sessions: reactivating does not bring them back", async () => {
    const cookie = await t.sessionFor(t.aViewer);
    expect((await t.call("PATCH", `/api/v1/users/${t.aViewer.userId}`, { body: { active: false } })).status).toBe(200);
    expect((await t.call("GET", "/api/v1/me", { session: cookie })).status).toBe(401);
    expect((await t.call("PATCH", `/api/v1/users/${t.aViewer.userId}`, { body: { active: true } })).status).toBe(200);
    expect((await t.call("GET", "/api/v1/me", { session: cookie })).status).toBe(401);
    // Signing in again works and makes a new session.
    const r = await t.call("POST", "/api/v1/session", {
      token: null,
      body: { email: "viewer@a.example", password: TEST_PASSWORD },
    });
    expect(r.status).toBe(200);
  });

  test("an unknown or forged cookie is 401 in the one error shape", async () => {
    const r = await t.call("GET", "/api/v1/me", { session: "threadline.session_token=forged.value" });
    expect([r.status, r.json.error.code]).toEqual([401, "unauthorized"]);
    expect(await t.db.select().from(authSessions).where(eq(authSessions.token, "forged"))).toEqual([]);
  });

  test("social sign-in: no provider configured here, so none is offered and starting one is 503", async () => {
    expect((await t.call("GET", "/api/v1/session/providers", { token: null })).json).toEqual({ providers: [] });
    const r = await t.call("POST", "/api/v1/session/social", { token: null, body: { provider: "google" } });
    expect([r.status, r.json.error.message]).toEqual([503, expect.stringContaining("GOOGLE_CLIENT_ID")]);
  });

  test("better-auth's own endpoints other than the social callbacks are not served", async () => {
    for (const path of ["/api/auth/sign-up/email", "/api/auth/sign-in/email", "/api/auth/get-session"]) {
      const r = await t.call("POST", path, { token: null, body: { email: "x@y.example", password: "whatever-123" } });
      expect([path, r.status]).toEqual([path, 404]);
    }
  });
});
