// Team invitations through the app: who may invite whom, the link (hashed at rest, 7 days, single use), revoke,
// accept → user with the invited role in the inviting workspace and a session cookie, mailing through a mailbox.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cookieHeaderOf, createTestApp, TEST_ORIGIN, type TestApp } from "../testing/test-app";
import { addTestMember } from "../testing/test-app";

let t: TestApp;
let admin: { userId: string; token: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await addTestMember(t.db, t.a.workspaceId, "admin", "admin@a.example");
});
afterAll(() => t.close());

const PASSWORD = "saffron-delta-kite-31";
const tokenOf = (link: string) => link.slice(link.lastIndexOf("/") + 1);
const invite = (body: unknown, token = t.a.token) => t.call("POST", "/api/v1/invitations", { token, body });
const accept = (body: unknown) =>
  t.app.request("/api/v1/invitations/accept", {
    method: "POST",
    headers: { "content-type": "application/json", origin: TEST_ORIGIN },
    body: JSON.stringify(body),
  });
const count = async (sql: string, args: string[] = []) => Number((await t.client.execute({ sql, args })).rows[0]!.n);

describe("creating invitations", () => {
  test("an owner invites a rep: a 7-day link to /invite/<token>; only the token's hash is stored", async () => {
    const r = await invite({ email: "Jonas.Weber@Kunde.example", role: "rep" });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ email: "jonas.weber@kunde.example", role: "rep", invitedBy: { id: t.a.userId } });
    expect(r.json.link).toMatch(new RegExp(`^${TEST_ORIGIN}/invite/[A-Za-z0-9_-]{43}$`));
    const days = (Date.parse(r.json.expiresAt) - Date.parse(r.json.createdAt)) / 86_400_000;
    expect(days).toBe(7);
    // No mailbox in workspace A yet: the link is to be copied, and the response says why it was not mailed.
    expect(r.json.mail).toEqual({ sent: false, reason: expect.stringContaining("No mailbox") });
    const stored = await t.client.execute("SELECT * FROM invitations");
    expect(JSON.stringify(stored.rows)).not.toContain(tokenOf(r.json.link));
    const list = await t.call("GET", "/api/v1/invitations");
    expect(list.json.items.map((i: any) => i.email)).toContain("jonas.weber@kunde.example");
    expect(JSON.stringify(list.json)).not.toContain(tokenOf(r.json.link));
  });

  test.each([
    ["rep", "rep", 403],
    ["viewer", "viewer", 403],
    ["admin", "owner", 403],
    ["admin", "admin", 201],
    ["admin", "rep", 201],
    ["owner", "owner", 201],
  ] as const)("a %s inviting a %s: %i", async (inviter, role, status) => {
    const token = { rep: t.aRep.token, viewer: t.aViewer.token, admin: admin.token, owner: t.a.token }[inviter];
    const before = await count("SELECT count(*) AS n FROM invitations");
    const r = await invite({ email: `${inviter}-invites-${role}@kunde.example`, role }, token);
    expect(r.status).toBe(status);
    expect(await count("SELECT count(*) AS n FROM invitations")).toBe(before + (status === 201 ? 1 : 0));
    if (inviter === "admin" && role === "owner") expect(r.json.error.message).toMatch(/Only an owner can invite another owner/);
  });

  test.each([
    [{ email: "not-an-email", role: "rep" }, "email"],
    [{ email: "x@kunde.example", role: "boss" }, "role"],
    [{ role: "rep" }, "email"],
    [{ email: "x@kunde.example", role: "rep", name: "extra" }, "name"],
  ])("bad input %j is a 400 naming %s, nothing stored", async (body, field) => {
    const before = await count("SELECT count(*) AS n FROM invitations");
    const r = await invite(body);
    expect(r.status).toBe(400);
    // An unknown key is named in the message of the body's own entry.
    expect(JSON.stringify(r.json.error.details.fields)).toContain(field);
    expect(await count("SELECT count(*) AS n FROM invitations")).toBe(before);
  });

  test("an existing member's address is refused (409, field email); a second invitation replaces the first", async () => {
    const member = await invite({ email: "rep@a.example", role: "rep" });
    expect([member.status, member.json.error.details.fields[0].path]).toEqual([409, "email"]);
    const first = await invite({ email: "twice@kunde.example", role: "rep" });
    const second = await invite({ email: "twice@kunde.example", role: "viewer" });
    expect(second.status).toBe(201);
    const r = await accept({ token: tokenOf(first.json.link), name: "Twice", password: PASSWORD });
    expect([r.status, ((await r.json()) as any).error.message]).toEqual([409, expect.stringMatching(/withdrawn/)]);
    const pending = (await t.call("GET", "/api/v1/invitations")).json.items.filter((i: any) => i.email === "twice@kunde.example");
    expect(pending.map((i: any) => i.role)).toEqual(["viewer"]);
  });

  test("mailed through the inviter's connected mailbox (the test outbox: nothing leaves)", async () => {
    const mailbox = await t.call("POST", "/api/v1/mailboxes", { body: { kind: "outbox", email: "owner@a.example" } });
    expect(mailbox.status).toBe(201);
    const r = await invite({ email: "mailed@kunde.example", role: "viewer" });
    expect(r.json.mail).toEqual({ sent: true, from: "owner@a.example" });
    const raw = String(
      (
        await t.client.execute({ sql: "SELECT raw FROM outbox_messages WHERE workspace_id = ?", args: [t.a.workspaceId] })
      ).rows.at(-1)!.raw,
    );
    expect(raw).toMatch(/^To: mailed@kunde\.example/m);
    expect(raw).toMatch(/^Subject: Owner A invited you to A on Threadline/m);
    expect(raw.replace(/=\r?\n/g, "")).toContain(tokenOf(r.json.link));
  });
});

describe("accepting", () => {
  test("creates the user with the invited role in the inviting workspace and signs in; the link works once", async () => {
    const r0 = await invite({ email: "mei.lin@kunde.example", role: "rep" });
    const token = tokenOf(r0.json.link);
    const lookup = await t.call("POST", "/api/v1/invitations/lookup", { token: null, body: { token } });
    expect(lookup.json).toMatchObject({ email: "mei.lin@kunde.example", role: "rep", workspaceName: "A" });

    const r = await accept({ token, name: "Mei Lin", password: PASSWORD });
    expect(r.status).toBe(201);
    const me: any = await r.json();
    expect(me.user).toMatchObject({ email: "mei.lin@kunde.example", name: "Mei Lin", role: "rep" });
    expect(me.workspace.id).toBe(t.a.workspaceId);
    const cookie = cookieHeaderOf(r);
    expect(cookie).toMatch(/^threadline\.session_token=/);
    const again = await t.call("GET", "/api/v1/me", { session: cookie });
    expect([again.status, again.json.user.id, again.json.user.role]).toEqual([200, me.user.id, "rep"]);
    // As a rep, the API refuses inviting.
    expect(
      (await t.call("POST", "/api/v1/invitations", { session: cookie, body: { email: "z@z.example", role: "rep" } })).status,
    ).toBe(403);
    // Gone from the pending list; reused, the link is refused and nothing more is created.
    expect((await t.call("GET", "/api/v1/invitations")).json.items.map((i: any) => i.id)).not.toContain(r0.json.id);
    const users = await count("SELECT count(*) AS n FROM users");
    const reused = await accept({ token, name: "Someone Else", password: PASSWORD });
    expect([reused.status, ((await reused.json()) as any).error.message]).toEqual([
      409,
      expect.stringMatching(/already been used/),
    ]);
    expect(await count("SELECT count(*) AS n FROM users")).toBe(users);
  });

  test("an expired link is refused (409, named), as is a revoked one; an unknown one is a 404", async () => {
    const expired = await invite({ email: "late@kunde.example", role: "rep" });
    await t.client.execute({
      sql: "UPDATE invitations SET expires_at = ? WHERE id = ?",
      args: [Date.now() - 1, expired.json.id],
    });
    const r1 = await accept({ token: tokenOf(expired.json.link), name: "Late", password: PASSWORD });
    const b1: any = await r1.json();
    expect([r1.status, b1.error.message, b1.error.details.fields[0].path]).toEqual([
      409,
      expect.stringMatching(/expired/),
      "token",
    ]);
    expect((await t.call("GET", "/api/v1/invitations")).json.items.map((i: any) => i.id)).not.toContain(expired.json.id);

    const revoked = await invite({ email: "withdrawn@kunde.example", role: "rep" });
    const del = await t.call("DELETE", `/api/v1/invitations/${revoked.json.id}`, { token: admin.token });
    expect(del.status).toBe(200);
    const r2 = await accept({ token: tokenOf(revoked.json.link), name: "W", password: PASSWORD });
    expect([r2.status, ((await r2.json()) as any).error.message]).toEqual([409, expect.stringMatching(/withdrawn/)]);
    expect((await t.call("DELETE", `/api/v1/invitations/${revoked.json.id}`)).status).toBe(404);

    const r3 = await accept({ token: "x".repeat(43), name: "Nobody", password: PASSWORD });
    expect(r3.status).toBe(404);
    expect(await count("SELECT count(*) AS n FROM users WHERE email IN ('late@kunde.example', 'withdrawn@kunde.example')")).toBe(
      0,
    );
  });

  test("another workspace neither sees, revokes nor is joined through A's invitation", async () => {
    const r = await invite({ email: "only.a@kunde.example", role: "admin" });
    const asB = await t.call("GET", "/api/v1/invitations", { token: t.b.token });
    expect(asB.json.items.map((i: any) => i.id)).not.toContain(r.json.id);
    expect((await t.call("DELETE", `/api/v1/invitations/${r.json.id}`, { token: t.b.token })).status).toBe(404);
    const a = await accept({ token: tokenOf(r.json.link), name: "Only A", password: PASSWORD });
    expect(((await a.json()) as any).workspace.id).toBe(t.a.workspaceId);
    expect(
      await count("SELECT count(*) AS n FROM users WHERE email = 'only.a@kunde.example' AND workspace_id = ?", [t.b.workspaceId]),
    ).toBe(0);
  });

  test("an admin cannot revoke an owner's invitation to an owner", async () => {
    const r = await invite({ email: "co.owner@kunde.example", role: "owner" });
    const del = await t.call("DELETE", `/api/v1/invitations/${r.json.id}`, { token: admin.token });
    expect(del.status).toBe(403);
  });

  test.each([
    [{ name: "X", password: PASSWORD }, "token"],
    [{ token: "short", name: "X", password: PASSWORD }, "token"],
    [{ token: "y".repeat(43), name: " ", password: PASSWORD }, "name"],
    [{ token: "y".repeat(43), name: "X", password: "short" }, "password"],
    [{ token: "y".repeat(43), name: "X", password: "my-password-is-long" }, "password"],
  ])("bad input %j is a 400 naming %s", async (body, field) => {
    const r = await accept(body);
    expect(r.status).toBe(400);
    expect(((await r.json()) as any).error.details.fields.map((f: any) => f.path)).toContain(field);
  });

  test("the invited address as the password is refused (400, password) and the link still works", async () => {
    const r0 = await invite({ email: "careful.person@kunde.example", role: "viewer" });
    const token = tokenOf(r0.json.link);
    const bad = await accept({ token, name: "Careful", password: "careful.person@kunde.example" });
    expect([bad.status, ((await bad.json()) as any).error.details.fields[0].path]).toEqual([400, "password"]);
    expect((await accept({ token, name: "Careful", password: PASSWORD })).status).toBe(201);
  });

  test("a cross-site accept (foreign Origin) is refused and creates nothing", async () => {
    const r0 = await invite({ email: "csrf@kunde.example", role: "rep" });
    const r = await t.app.request("/api/v1/invitations/accept", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ token: tokenOf(r0.json.link), name: "C", password: PASSWORD }),
    });
    expect(r.status).toBe(403);
    expect(await count("SELECT count(*) AS n FROM users WHERE email = 'csrf@kunde.example'")).toBe(0);
  });
});
