// Table-driven checks over EVERY documented route (openapi/route-specs.ts): no token → 401; malformed ids, unknown
// fields and unknown query parameters → 400 naming the field; viewers never write; and workspace B's token, used on
// workspace A's ids, leaks nothing and changes nothing. Everything runs twice: with API tokens (bearer) and with
// console session cookies (session), which must resolve to the same `auth`.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { routeSpecs } from "../openapi/route-specs";
import type { RouteSpec } from "../openapi/route-spec";
import { startLocalEntra, type LocalEntra } from "../testing/local-entra";
import { addTestMember, createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
let tenant: LocalEntra;
const A: Record<string, string> = {};
const B_OID = "bbbbbbbb-0000-4000-8000-00000000000b";

beforeAll(async () => {
  // Microsoft sign-in configured (a local tenant), so the account-link routes run for real.
  tenant = await startLocalEntra();
  t = await createTestApp({ entra: tenant.config });
  const contact = await t.call("POST", "/api/v1/contacts", {
    body: { email: "li.wei@shenzhen-bright.cn", firstName: "Wei", lastName: "Li", tags: ["vip"] },
  });
  A.contact = contact.json.id;
  A.company = contact.json.companyId;
  A.note = (await t.call("POST", `/api/v1/contacts/${A.contact}/notes`, { body: { body: "secret terms" } })).json.id;
  A.template = (
    await t.call("POST", "/api/v1/templates", { body: { name: "T", subject: "S", bodyHtml: "<p>{{first_name}}</p>" } })
  ).json.id;
  A.user = t.aRep.userId;
  A.token = (await t.call("POST", "/api/v1/tokens", { body: { name: "A's laptop" } })).json.id;
  A.rule = (
    await t.call("POST", "/api/v1/rules", {
      body: { name: "A rule", trigger: "contact_created", conditions: [], actions: [{ type: "add_tags", tags: ["a"] }] },
    })
  ).json.id;
  await t.app.request("/api/v1/imports", {
    method: "POST",
    headers: { authorization: `Bearer ${t.a.token}`, "content-type": "text/csv" },
    body: "email,country\nimported@a-only.example,Atlantis\n",
  });
  A.import = (await t.call("GET", "/api/v1/imports")).json.items[0].id;
  await t.call("PUT", `/api/v1/templates/${A.template}/locales/zh`, { body: { subject: "主题", bodyHtml: "<p>您好</p>" } });
  // Sequences (issue 3): a sequence whose first step is a task, so the enrollment has an open task to complete.
  const seq = await t.call("POST", "/api/v1/sequences", {
    body: {
      name: "A's sequence",
      steps: [
        { kind: "task", config: { taskKind: "call", title: "Call {{first_name}}" } },
        { kind: "email", delayAmount: 1, config: { subject: "Hi {{first_name}}", bodyHtml: "<p>Hi</p>" } },
      ],
    },
  });
  A.sequence = seq.json.id;
  A.step = seq.json.steps[1].id;
  A.mailbox = (await t.call("POST", "/api/v1/mailboxes", { body: { kind: "outbox", email: "owner@a.example" } })).json.id;
  A.enrollment = (
    await t.call("POST", "/api/v1/enrollments", {
      body: { sequenceId: A.sequence, contactIds: [A.contact], mailboxId: A.mailbox },
    })
  ).json.items[0].id;
  A.task = String(
    (await t.client.execute({ sql: "SELECT id FROM tasks WHERE enrollment_id = ?", args: [A.enrollment!] })).rows[0]!.id,
  );
  A.suppression = (await t.call("POST", "/api/v1/suppressions", { body: { kind: "domain", value: "blocked.example" } })).json.id;
  B.template = (
    await t.call("POST", "/api/v1/templates", { token: t.b.token, body: { name: "B", subject: "S", bodyHtml: "x" } })
  ).json.id;
  A.trackedMessage = (
    await t.call("POST", "/api/v1/tracked-messages", {
      body: { email: "li.wei@shenzhen-bright.cn", host: "outlook", templateId: A.template },
    })
  ).json.id;
  B.entraToken = await tenant.sign(B_OID);
  A.invitation = (await t.call("POST", "/api/v1/invitations", { body: { email: "invited@a.example", role: "rep" } })).json.id;
  A.segment = (await t.call("POST", "/api/v1/segments", { body: { name: "A's VIPs", filter: { tag: "vip" } } })).json.id;
});
afterAll(async () => {
  t.close();
  await tenant.close();
});
const B: Record<string, string> = {};
let counter = 0;
/** A number new on every call: bodies that create something stay valid when the second mode runs them again. */
const uniq = () => ++counter;
let usersAdded = 0;

type Mode = "bearer" | "session";
type Cred = { token: string | null } | { session: string };
/** The credentials of A's owner, A's viewer, B's owner and B's second user (b2), per mode. */
const creds: Record<Mode, { a: Cred; aViewer: Cred; b: Cred; b2: Cred; b2Member?: { userId: string } }> = {} as never;
const modes: Mode[] = ["bearer", "session"];
beforeAll(async () => {
  const b2 = await addTestMember(t.db, t.b.workspaceId, "rep", "second@b.example");
  creds.bearer = {
    a: { token: t.a.token },
    aViewer: { token: t.aViewer.token },
    b: { token: t.b.token },
    b2: { token: b2.token },
  };
  creds.session = {
    a: { session: await t.sessionFor(t.a) },
    aViewer: { session: await t.sessionFor(t.aViewer) },
    b: { session: await t.sessionFor(t.b) },
    // Signed in afresh by the cases that end sessions (fresh: true below).
    b2: { session: "" },
    b2Member: b2,
  };
  A.session = String(
    (
      await t.client.execute({
        sql: "SELECT s.id FROM auth_sessions s JOIN auth_users l ON l.id = s.user_id WHERE l.threadline_user_id = ?",
        args: [t.a.userId],
      })
    ).rows[0]!.id,
  );
});

const key = (s: Pick<RouteSpec, "method" | "path">) => `${s.method.toUpperCase()} ${s.path}`;
/** A's id for each path's {id}. */
const idFor: Record<string, () => string> = {
  "/contacts/{id}": () => A.contact!,
  "/contacts/{id}/notes": () => A.contact!,
  "/notes/{id}": () => A.note!,
  "/companies/{id}": () => A.company!,
  "/templates/{id}": () => A.template!,
  "/templates/{id}/render": () => A.template!,
  "/users/{id}": () => A.user!,
  "/tokens/{id}": () => A.token!,
  "/rules/{id}": () => A.rule!,
  "/imports/{id}": () => A.import!,
  "/imports/{id}/errors": () => A.import!,
  "/imports/{id}/cancel": () => A.import!,
  "/contacts/{id}/erase": () => A.contact!,
  "/templates/{id}/locales": () => A.template!,
  "/templates/{id}/locales/{language}": () => A.template!,
  "/templates/{id}/pick-locale": () => A.template!,
  "/sequences/{id}": () => A.sequence!,
  "/sequences/{id}/steps": () => A.sequence!,
  "/sequences/{id}/edit-preview": () => A.sequence!,
  "/sequences/{id}/activate": () => A.sequence!,
  "/sequences/{id}/pause": () => A.sequence!,
  "/sequences/{id}/archive": () => A.sequence!,
  "/sequences/{id}/steps/{stepId}": () => A.sequence!,
  "/enrollments/{id}": () => A.enrollment!,
  "/enrollments/{id}/pause": () => A.enrollment!,
  "/enrollments/{id}/resume": () => A.enrollment!,
  "/enrollments/{id}/stop": () => A.enrollment!,
  "/enrollments/{id}/tasks/{taskId}/complete": () => A.enrollment!,
  "/mailboxes/{id}": () => A.mailbox!,
  "/suppressions/{id}": () => A.suppression!,
  "/tasks/{id}": () => A.task!,
  "/tasks/{id}/complete": () => A.task!,
  "/tasks/{id}/snooze": () => A.task!,
  "/users/{id}/entra": () => A.user!,
  "/sessions/{id}": () => A.session!,
  "/invitations/{id}": () => A.invitation!,
  "/segments/{id}": () => A.segment!,
};
const url = (spec: RouteSpec, id?: string) =>
  `/api/v1${spec.path
    .replace("{id}", id ?? idFor[spec.path]?.() ?? "")
    .replace("{language}", "zh")
    .replace("{kind}", "contacts")
    .replace("{stepId}", A.step ?? "")
    .replace("{taskId}", A.task ?? "")
    .replace("{provider}", id ?? "google")}`;

/** Every row of workspace A, to compare before and after B's attempts. */
async function snapshotA() {
  const tables = [
    "contacts",
    "companies",
    "notes",
    "timeline_events",
    "templates",
    "template_locales",
    "users",
    "api_tokens",
    "workspaces",
    "rules",
    "imports",
    "audit_log",
    "sequences",
    "sequence_steps",
    "enrollments",
    "send_jobs",
    "tasks",
    "mailboxes",
    "suppressions",
    "outbox_messages",
    "tracked_messages",
    "invitations",
    "segments",
  ];
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const col = table === "workspaces" ? "id" : "workspace_id";
    const rows = (await t.client.execute({ sql: `SELECT * FROM ${table} WHERE ${col} = ? ORDER BY id`, args: [t.a.workspaceId] }))
      .rows;
    // A token's last-used time (and a user's last-active time) moves whenever it is used, which is the point of it,
    // not a change of A's data.
    out[table] = rows.map(({ last_used_at: _used, last_active_at: _active, ...rest }) => rest);
  }
  // A's console sessions and logins (their tables have no workspace_id).
  out.sessions = (
    await t.client.execute({
      sql: `SELECT s.id, s.user_id FROM auth_sessions s JOIN auth_users l ON l.id = s.user_id
            JOIN users u ON u.id = l.threadline_user_id WHERE u.workspace_id = ? ORDER BY s.id`,
      args: [t.a.workspaceId],
    })
  ).rows;
  out.logins = (
    await t.client.execute({
      sql: "SELECT l.* FROM auth_users l JOIN users u ON u.id = l.threadline_user_id WHERE u.workspace_id = ? ORDER BY l.id",
      args: [t.a.workspaceId],
    })
  ).rows;
  return JSON.stringify(out);
}

const authed = routeSpecs.filter((s) => s.auth !== false);

describe.each(modes)("every route (%s)", (mode) => {
  const as = (who: "a" | "aViewer" | "b") => creds[mode][who];

  test.each(authed.map((s) => [key(s), s] as const))("%s: 401 without a token or with an unknown session", async (_k, spec) => {
    const cred: Cred = mode === "bearer" ? { token: null } : { session: "threadline.session_token=unknown.signature" };
    const r = await t.call(spec.method.toUpperCase(), url(spec), { ...cred, body: spec.body ? {} : undefined });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe("unauthorized");
  });

  const withId = routeSpecs.filter((s) => s.params && s.path.includes("{id}"));
  test.each(withId.map((s) => [key(s), s] as const))("%s: 400 naming id for a malformed id", async (_k, spec) => {
    const r = await t.call(spec.method.toUpperCase(), url(spec, "NOT%20AN%20ID"), {
      ...as("a"),
      body: spec.body ? {} : undefined,
    });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("bad_request");
    expect(r.json.error.message).toContain("id");
  });

  const withBody = routeSpecs.filter((s) => s.body);
  test.each(withBody.map((s) => [key(s), s] as const))("%s: 400 naming an unknown body field", async (_k, spec) => {
    const before = await snapshotA();
    const r = await t.call(spec.method.toUpperCase(), url(spec), { ...as("a"), body: { surpriseField: 1 } });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain("surpriseField");
    expect(JSON.stringify(r.json.error.details.fields)).toContain("surpriseField");
    expect(await snapshotA()).toBe(before);
  });

  test.each(withBody.map((s) => [key(s), s] as const))("%s: 400 for a body that is not JSON", async (_k, spec) => {
    const r = await t.call(spec.method.toUpperCase(), url(spec), { ...as("a"), body: "{not json" });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("bad_request");
  });

  const withQuery = routeSpecs.filter((s) => s.query);
  test.each(withQuery.map((s) => [key(s), s] as const))("%s: 400 naming an unknown query parameter", async (_k, spec) => {
    const r = await t.call(spec.method.toUpperCase(), `${url(spec)}?email=a%40b.com&bogus=1`, as("a"));
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain("bogus");
  });

  const writes = routeSpecs.filter((s) => s.role);
  test.each(writes.map((s) => [key(s), s] as const))("%s: a viewer gets 403 and nothing changes", async (_k, spec) => {
    const before = await snapshotA();
    const r = await t.call(spec.method.toUpperCase(), url(spec), { ...as("aViewer"), body: spec.body ? {} : undefined });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe("forbidden");
    expect(await snapshotA()).toBe(before);
  });

  // Strict bodies (issue 20): another Content-Type is refused before anything runs, instead of being read as `{}`.
  const nonGet = routeSpecs.filter((s) => s.method !== "get");
  test.each(nonGet.map((s) => [key(s), s] as const))(
    "%s: 415 for a body that is not JSON, and nothing changes",
    async (_k, spec) => {
      const before = await snapshotA();
      // text/plain is one of the CSV import's upload types; XML is nobody's.
      const type = spec.upload ? "application/xml" : "text/plain";
      const r = await t.call(spec.method.toUpperCase(), url(spec), {
        ...as("a"),
        body: '{"reason":"lost?"}',
        headers: { "content-type": type },
      });
      expect([r.status, r.json.error.code]).toEqual([415, "unsupported_media_type"]);
      expect(await snapshotA()).toBe(before);
    },
  );

  const paged = routeSpecs.filter((s) => s.query && "cursor" in s.query.shape);
  test.each(paged.map((s) => [key(s), s] as const))("%s: 400 naming cursor for a garbage cursor", async (_k, spec) => {
    const r = await t.call("GET", `${url(spec)}?cursor=${encodeURIComponent("' OR 1=1 --")}`, as("a"));
    expect([r.status, r.json.error.code]).toEqual([400, "bad_request"]);
    expect(r.json.error.message).toContain("cursor");
  });

  const patches = routeSpecs.filter((s) => s.method === "patch");
  test.each(patches.map((s) => [key(s), s] as const))(
    "%s: {} is a 400 'nothing to change' and bumps nothing",
    async (_k, spec) => {
      const before = await snapshotA();
      const r = await t.call("PATCH", url(spec), { ...as("a"), body: {} });
      expect([r.status, r.json.error.code]).toEqual([400, "bad_request"]);
      expect(r.json.error.message).toContain("nothing to change");
      expect(await snapshotA()).toBe(before);
    },
  );
});

test("only reads are open to viewers: every non-GET route without a role is a documented read, public sign-in, or the caller's own sign-in link or sessions", () => {
  expect(routeSpecs.filter((s) => s.method !== "get" && !s.role).map(key)).toEqual([
    "POST /templates/render",
    "POST /templates/{id}/render",
    "POST /me/entra",
    "DELETE /me/entra",
    "POST /setup",
    "POST /session",
    "POST /session/social",
    "DELETE /session",
    "DELETE /sessions",
    "DELETE /sessions/{id}",
    "POST /connect",
    "POST /invitations/lookup",
    "POST /invitations/accept",
  ]);
});

// Workspace B's owner on workspace A's ids: what B may see or do, route by route. Every spec must have a row.
const isolation: Record<
  string,
  {
    body?: () => unknown;
    query?: () => string;
    expect: (r: { status: number; json: any }) => void;
    /** Call as B's second user, signed in afresh: the route ends the caller's own sessions. */
    fresh?: true;
  }
> = {
  "GET /contacts": { query: () => "?q=wei", expect: (r) => expect(r.json.items.map((c: any) => c.id)).not.toContain(A.contact) },
  "POST /contacts": { body: () => ({ email: `b.only.${uniq()}@b.example` }), expect: (r) => expect(r.status).toBe(201) },
  "PUT /contacts/upsert": {
    body: () => ({ email: "li.wei@shenzhen-bright.cn", firstName: "Changed by B" }),
    // B gets its own contact with that address (made by the first mode's run, updated by the second); A's stays.
    expect: (r) => expect([[200, 201].includes(r.status), r.json.id === A.contact]).toEqual([true, false]),
  },
  "GET /contacts/count": { query: () => "?tag=vip", expect: (r) => expect([r.status, r.json.count]).toEqual([200, 0]) },
  "GET /contacts/{id}": { expect: (r) => expect(r.status).toBe(404) },
  // Bulk actions: A's ids are unknown to B (nothing changes); a filter or A's segment never reaches A's contacts.
  "POST /contacts/bulk": {
    body: () => ({ target: { ids: [A.contact] }, action: { type: "add_tag", tag: "pwned" } }),
    expect: (r) => expect(r.status).toBe(404),
  },
  "POST /contacts/bulk/export": {
    body: () => ({ target: { filter: { tag: "vip" } } }),
    expect: (r) => expect([r.status, String(r.json).includes("li.wei")]).toEqual([200, false]),
  },
  "GET /segments": { expect: (r) => expect(r.json.items.map((x: any) => x.id)).not.toContain(A.segment) },
  "POST /segments": {
    body: () => ({ name: `B's segment ${uniq()}`, filter: { stage: "lead" } }),
    expect: (r) => expect(r.status).toBe(201),
  },
  "PATCH /segments/{id}": { body: () => ({ name: "pwned" }), expect: (r) => expect(r.status).toBe(404) },
  "DELETE /segments/{id}": { expect: (r) => expect(r.status).toBe(404) },
  "PATCH /contacts/{id}": { body: () => ({ stage: "lost" }), expect: (r) => expect(r.status).toBe(404) },
  "DELETE /contacts/{id}": { expect: (r) => expect(r.status).toBe(404) },
  "GET /contacts/{id}/notes": { expect: (r) => expect(r.status).toBe(404) },
  "POST /contacts/{id}/notes": { body: () => ({ body: "from B" }), expect: (r) => expect(r.status).toBe(404) },
  "DELETE /notes/{id}": { expect: (r) => expect(r.status).toBe(404) },
  "GET /companies": { expect: (r) => expect(r.json.items.map((c: any) => c.id)).not.toContain(A.company) },
  "GET /companies/{id}": { expect: (r) => expect(r.status).toBe(404) },
  "GET /templates": {
    expect: (r) => {
      const ids = r.json.items.map((x: any) => x.id);
      expect([ids.includes(A.template), ids.includes(B.template)]).toEqual([false, true]);
    },
  },
  "POST /templates": { body: () => ({ name: "B2", subject: "s", bodyHtml: "b" }), expect: (r) => expect(r.status).toBe(201) },
  "POST /templates/render": {
    body: () => ({ subject: "Hi {{first_name}}", bodyHtml: "<p>x</p>", contactId: A.contact }),
    expect: (r) => expect(r.status).toBe(404),
  },
  "GET /templates/{id}": { expect: (r) => expect(r.status).toBe(404) },
  "PATCH /templates/{id}": { body: () => ({ name: "pwned" }), expect: (r) => expect(r.status).toBe(404) },
  "DELETE /templates/{id}": { expect: (r) => expect(r.status).toBe(404) },
  "POST /templates/{id}/render": { body: () => ({ contactId: A.contact }), expect: (r) => expect(r.status).toBe(404) },
  "GET /card": {
    query: () => "?email=li.wei%40shenzhen-bright.cn",
    expect: (r) => {
      // B has its own contact for this address now (upsert above) but none of A's notes, events or company.
      expect(r.status).toBe(200);
      expect(r.json.contact?.id).not.toBe(A.contact);
      expect(JSON.stringify(r.json)).not.toContain("secret terms");
      expect(r.json.company?.id).not.toBe(A.company);
    },
  },
  "GET /me": { expect: (r) => expect(r.json.workspace.id).toBe(t.b.workspaceId) },
  "GET /users": {
    expect: (r) => {
      expect(r.json.items.map((u: any) => u.email)).toContain("owner@b.example");
      expect(
        r.json.items.map((u: any) => u.id).filter((id: string) => [t.a.userId, t.aRep.userId, t.aViewer.userId].includes(id)),
      ).toEqual([]);
    },
  },
  "GET /users/{id}": { expect: (r) => expect(r.status).toBe(404) },
  "POST /users": {
    // An address of A's, once per mode (each run adds a user to B).
    body: () => ({
      email: ["rep@a.example", "viewer@a.example"][usersAdded++],
      name: "same address, other workspace",
      role: "rep",
    }),
    expect: (r) => expect(r.status).toBe(201),
  },
  "PATCH /users/{id}": { body: () => ({ active: false }), expect: (r) => expect(r.status).toBe(404) },
  "GET /tokens": {
    query: () => "?scope=all",
    expect: (r) => expect(r.json.items.every((k: any) => k.userId !== t.a.userId && k.id !== A.token)).toBe(true),
  },
  "POST /tokens": {
    body: () => ({ name: "for A's rep", userId: A.user }),
    expect: (r) => expect([r.status, r.json.error?.message]).toEqual([400, expect.stringContaining("userId")]),
  },
  "DELETE /tokens/{id}": { expect: (r) => expect(r.status).toBe(404) },
  "GET /rules": { expect: (r) => expect(r.json.items.map((x: any) => x.id)).not.toContain(A.rule) },
  "POST /rules": {
    body: () => ({ name: "B rule", trigger: "email_received", conditions: [], actions: [{ type: "add_tags", tags: ["b"] }] }),
    expect: (r) => expect(r.status).toBe(201),
  },
  "GET /rules/{id}": { expect: (r) => expect(r.status).toBe(404) },
  "PATCH /rules/{id}": { body: () => ({ enabled: false }), expect: (r) => expect(r.status).toBe(404) },
  "DELETE /rules/{id}": { expect: (r) => expect(r.status).toBe(404) },
  "GET /imports": { expect: (r) => expect(r.json.items.map((x: any) => x.id)).not.toContain(A.import) },
  // A JSON body is not a CSV upload; nothing is imported anywhere.
  "POST /imports": { body: () => ({ email: "x@y.z" }), expect: (r) => expect(r.status).toBe(415) },
  "GET /imports/{id}": { expect: (r) => expect(r.status).toBe(404) },
  "GET /imports/{id}/errors": { expect: (r) => expect(r.status).toBe(404) },
  "POST /imports/{id}/cancel": { expect: (r) => expect(r.status).toBe(404) },
  "POST /contacts/{id}/erase": { expect: (r) => expect(r.status).toBe(404) },
  "GET /export/{kind}": {
    query: () => "?format=json",
    expect: (r) => {
      expect(r.status).toBe(200);
      expect(r.json.map((c: any) => c.id)).not.toContain(A.contact);
      expect(JSON.stringify(r.json)).not.toContain("imported@a-only.example");
    },
  },
  "POST /handover/preview": {
    body: () => ({ fromUserId: A.user, toUserId: t.a.userId }),
    expect: (r) => expect(r.status).toBe(404),
  },
  "POST /handover": { body: () => ({ fromUserId: A.user, toUserId: t.a.userId }), expect: (r) => expect(r.status).toBe(404) },
  "GET /templates/{id}/locales": { expect: (r) => expect(r.status).toBe(404) },
  "PUT /templates/{id}/locales/{language}": {
    body: () => ({ subject: "B", bodyHtml: "B" }),
    expect: (r) => expect(r.status).toBe(404),
  },
  "DELETE /templates/{id}/locales/{language}": { expect: (r) => expect(r.status).toBe(404) },
  "GET /templates/{id}/pick-locale": { query: () => "?country=CN", expect: (r) => expect(r.status).toBe(404) },
  // Analytics are per workspace: B's numbers never include A's sends (seeded cases in analytics.test.ts).
  "GET /analytics/summary": {
    query: () => `?${lastMonth()}`,
    expect: (r) => expect([r.status, r.json.rows, r.json.total.sent]).toEqual([200, [], 0]),
  },
  "GET /analytics/heatmap": {
    query: () => `?${lastMonth()}`,
    expect: (r) => expect([r.status, r.json.zones]).toEqual([200, { contact: 0, guessedFromCountry: 0, utcFallback: 0 }]),
  },
  "GET /analytics/ab-tests": {
    query: () => `?${lastMonth()}`,
    expect: (r) => expect([r.status, r.json.steps]).toEqual([200, []]),
  },
  "GET /sequences": { expect: (r) => expect(r.json.items.map((x: any) => x.id)).not.toContain(A.sequence) },
  "POST /sequences": { body: () => ({ name: "B's" }), expect: (r) => expect(r.status).toBe(201) },
  "GET /sequences/{id}": { expect: (r) => expect(r.status).toBe(404) },
  "PATCH /sequences/{id}": { body: () => ({ name: "pwned" }), expect: (r) => expect(r.status).toBe(404) },
  "PUT /sequences/{id}": { body: () => ({ name: "pwned", steps: [] }), expect: (r) => expect(r.status).toBe(404) },
  "POST /sequences/{id}/edit-preview": { body: () => ({ name: "pwned", steps: [] }), expect: (r) => expect(r.status).toBe(404) },
  "POST /sequences/{id}/activate": { expect: (r) => expect(r.status).toBe(404) },
  "POST /sequences/{id}/pause": { expect: (r) => expect(r.status).toBe(404) },
  "POST /sequences/{id}/archive": { expect: (r) => expect(r.status).toBe(404) },
  "POST /sequences/{id}/steps": {
    body: () => ({ step: { kind: "email", config: { subject: "x", bodyHtml: "x" } } }),
    expect: (r) => expect(r.status).toBe(404),
  },
  "PUT /sequences/{id}/steps/{stepId}": {
    body: () => ({ kind: "email", config: { subject: "x", bodyHtml: "x" } }),
    expect: (r) => expect(r.status).toBe(404),
  },
  "DELETE /sequences/{id}/steps/{stepId}": { expect: (r) => expect(r.status).toBe(404) },
  "GET /enrollments": { query: () => `?contactId=${A.contact}`, expect: (r) => expect(r.json.items).toEqual([]) },
  "POST /enrollments": {
    body: () => ({ sequenceId: A.sequence, contactIds: [A.contact] }),
    expect: (r) => expect(r.status).toBe(404),
  },
  "GET /enrollments/{id}": { expect: (r) => expect(r.status).toBe(404) },
  "POST /enrollments/{id}/pause": { body: () => ({}), expect: (r) => expect(r.status).toBe(404) },
  "POST /enrollments/{id}/resume": { expect: (r) => expect(r.status).toBe(404) },
  "POST /enrollments/{id}/stop": { body: () => ({}), expect: (r) => expect(r.status).toBe(404) },
  "POST /enrollments/{id}/tasks/{taskId}/complete": {
    body: () => ({ status: "done" }),
    expect: (r) => expect(r.status).toBe(404),
  },
  "GET /mailboxes": { expect: (r) => expect(r.json.items.map((m: any) => m.id)).not.toContain(A.mailbox) },
  "POST /mailboxes": { body: () => ({ kind: "outbox", email: "b@b.example" }), expect: (r) => expect(r.status).toBe(201) },
  "PATCH /mailboxes/{id}": { body: () => ({ paused: true }), expect: (r) => expect(r.status).toBe(404) },
  "DELETE /mailboxes/{id}": { expect: (r) => expect(r.status).toBe(404) },
  // No Google client configured in the test app: B learns nothing about A either way.
  "POST /mailboxes/oauth/{provider}/start": { expect: (r) => expect(r.status).toBe(503) },
  // Checks only the given server (nothing of A's is read or written): port 1 on 127.0.0.1 refuses at once.
  "POST /mailboxes/test-connection": {
    body: () => ({ host: "127.0.0.1", port: 1, username: "b@b.example", password: "x" }),
    expect: (r) => expect([r.status, r.json.ok, r.json.smtp.message]).toEqual([200, false, expect.stringContaining("refused")]),
  },
  "GET /suppressions": { expect: (r) => expect(r.json.items.map((x: any) => x.id)).not.toContain(A.suppression) },
  "POST /suppressions": { body: () => ({ kind: "address", value: "x@b.example" }), expect: (r) => expect(r.status).toBe(201) },
  "DELETE /suppressions/{id}": { expect: (r) => expect(r.status).toBe(404) },
  // B's own outbox holds at most B's invitation mails (POST /invitations below), never a message of A's mailbox.
  "GET /outbox": {
    expect: (r) => expect(r.json.items.filter((m: any) => !m.idempotencyKey?.startsWith("invitation:"))).toEqual([]),
  },
  "GET /tasks": { query: () => "?owner=all&status=any", expect: (r) => expect(r.json.items).toEqual([]) },
  "POST /tasks": {
    body: () => ({ title: "on A's contact", dueAt: "2030-01-01T09:00:00Z", contactId: A.contact }),
    expect: (r) => expect(r.status).toBe(404),
  },
  "GET /tasks/{id}": { expect: (r) => expect(r.status).toBe(404) },
  "PATCH /tasks/{id}": { body: () => ({ title: "pwned" }), expect: (r) => expect(r.status).toBe(404) },
  "POST /tasks/{id}/complete": { expect: (r) => expect(r.status).toBe(404) },
  "POST /tasks/{id}/snooze": { body: () => ({ until: "2031-01-01T00:00:00Z" }), expect: (r) => expect(r.status).toBe(404) },
  // A's template on B's message: as if it did not exist (nothing is written either: tracked-messages.test.ts).
  "POST /tracked-messages": {
    body: () => ({ email: "new.to.b@b.example", host: "outlook", templateId: A.template }),
    expect: (r) => expect([r.status, r.json.error?.code]).toEqual([404, "not_found"]),
  },
  // B links (then unlinks) its own Microsoft account: only B's row changes.
  "POST /me/entra": {
    body: () => ({ accessToken: B.entraToken }),
    expect: (r) => expect([r.status, r.json.email, r.json.entraLinked]).toEqual([200, "owner@b.example", true]),
  },
  "DELETE /me/entra": {
    expect: (r) => expect([r.status, r.json.email, r.json.entraLinked]).toEqual([200, "owner@b.example", false]),
  },
  "DELETE /users/{id}/entra": { expect: (r) => expect(r.status).toBe(404) },
  // Public: B's credentials change nothing; A's workspace exists, so setup is over for everyone.
  "GET /setup": { expect: (r) => expect(r.json).toEqual({ needed: false }) },
  "POST /setup": {
    body: () => ({ workspaceName: "B2", name: "B", email: "b.setup@b.example", password: "violet-canyon-river-7" }),
    expect: (r) => expect(r.status).toBe(409),
  },
  "POST /session": {
    body: () => ({ email: "owner@a.example", password: "a-guess-from-b-123" }),
    expect: (r) => expect(r.status).toBe(401),
  },
  "GET /session/providers": { expect: (r) => expect(r.json).toEqual({ providers: [] }) },
  "POST /session/social": { body: () => ({ provider: "microsoft" }), expect: (r) => expect(r.status).toBe(503) },
  // B ends only B's own sessions.
  "DELETE /session": { fresh: true, expect: (r) => expect([200, 409]).toContain(r.status) },
  "GET /sessions": { expect: (r) => expect(r.status).toBe(200) },
  "DELETE /sessions": { fresh: true, expect: (r) => expect(r.status).toBe(200) },
  "DELETE /sessions/{id}": { expect: (r) => expect(r.status).toBe(404) },
  // B's own token (session) or refused (bearer): never anything of A's.
  "POST /connect": {
    body: () => ({ client: "outlook-addin" }),
    expect: (r) => expect(r.status === 403 || (r.status === 201 && r.json.token.userId !== t.a.userId)).toBe(true),
  },
  "GET /invitations": { expect: (r) => expect(r.json.items.map((x: any) => x.id)).not.toContain(A.invitation) },
  // B invites into B: the same address A invited is a separate invitation of B's.
  "POST /invitations": {
    body: () => ({ email: "invited@a.example", role: "rep" }),
    expect: (r) => expect([r.status, r.json.id === A.invitation]).toEqual([201, false]),
  },
  "DELETE /invitations/{id}": { expect: (r) => expect(r.status).toBe(404) },
  // Public: only the link's token opens an invitation; B's credentials add nothing.
  "POST /invitations/lookup": { body: () => ({ token: "b".repeat(43) }), expect: (r) => expect(r.status).toBe(404) },
  "POST /invitations/accept": {
    body: () => ({ token: "b".repeat(43), name: "B", password: "violet-canyon-river-7" }),
    expect: (r) => expect(r.status).toBe(404),
  },
};

function lastMonth() {
  const to = Date.now() + 86_400_000;
  return `from=${new Date(to - 31 * 86_400_000).toISOString()}&to=${new Date(to).toISOString()}`;
}

test("every route has an isolation case", () => {
  expect(routeSpecs.map(key).filter((k) => !isolation[k])).toEqual([]);
});

describe.each(modes)("cross-workspace isolation (%s): B's credentials on A's ids", (mode) => {
  test.each(routeSpecs.map((s) => [key(s), s] as const))("%s", async (k, spec) => {
    const c = isolation[k]!;
    const cred: Cred = c.fresh
      ? mode === "bearer"
        ? creds.bearer.b2
        : { session: await t.sessionFor(creds.session.b2Member!) }
      : creds[mode].b;
    const before = await snapshotA();
    const r = await t.call(spec.method.toUpperCase(), `${url(spec)}${c.query?.() ?? ""}`, {
      ...cred,
      body: c.body?.(),
    });
    c.expect(r);
    expect(r.status).not.toBe(500);
    expect(await snapshotA()).toBe(before);
    // A still sees its own data.
    expect((await t.call("GET", `/api/v1/contacts/${A.contact}`)).json.firstName).toBe("Wei");
  });
});
