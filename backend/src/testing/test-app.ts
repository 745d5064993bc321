// Test harness: a migrated :memory: database, the real app, and two workspaces (A and B) with owner tokens.
import { eq } from "drizzle-orm";
import { createApp } from "../app";
import { createLogin, hashPassword } from "../auth/create-login";
import type { EntraConfig } from "../auth/entra";
import { openDatabase } from "../db/client";
import type { Role } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { apiTokens, authUsers, users } from "../db/schema";
import type { AppConfig } from "../http/app-env";
import { generateTokenSecret, hashToken } from "../http/auth";
import { createWorkspaceWithOwner } from "../repo/workspaces";

/** Adds a user with one API token to a workspace (tests only: no admin API in between). */
export async function addTestMember(db: Db, workspaceId: string, role: Role, email = `${role}-${newId("x")}@test.example`) {
  const userId = newId("us");
  const token = generateTokenSecret();
  await db.insert(users).values({ id: userId, workspaceId, email, name: `${role} user`, role });
  await db.insert(apiTokens).values({
    id: newId("tk"),
    workspaceId,
    userId,
    name: "test",
    tokenHash: hashToken(token),
    prefix: token.slice(0, 8),
  });
  return { userId, token };
}

/** The console password of every login made by createTestApp's sessionFor(). */
export const TEST_PASSWORD = "amber-harbour-lantern-42";
export const TEST_ORIGIN = "http://127.0.0.1:8787";

export async function createTestApp(opts: { entra?: EntraConfig; config?: Partial<AppConfig> } = {}) {
  const database = await openDatabase({ url: ":memory:" });
  const config: AppConfig = {
    publicUrl: TEST_ORIGIN,
    corsOrigins: ["chrome-extension://abc"],
    signingSecret: "test-signing-secret-0123456789abcdef",
    encryptionKey: Buffer.alloc(32, 7),
    entra: opts.entra ?? null,
    ...opts.config,
  };
  const app = createApp({ db: database.db, config });
  const a = await createWorkspaceWithOwner(database.db, { name: "A", ownerEmail: "owner@a.example", ownerName: "Owner A" });
  const b = await createWorkspaceWithOwner(database.db, { name: "B", ownerEmail: "owner@b.example", ownerName: "Owner B" });
  // Workspace A also has a rep and a viewer (viewers read but never write).
  const aRep = await addTestMember(database.db, a.workspaceId, "rep", "rep@a.example");
  const aViewer = await addTestMember(database.db, a.workspaceId, "viewer", "viewer@a.example");

  /**
   * Calls the app like a client would: JSON in, parsed JSON out. `session` (a Cookie header from sessionFor) calls
   * as the console does — the cookie and the console's Origin, no token.
   */
  async function call(
    method: string,
    path: string,
    opts: { token?: string | null; session?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const token = opts.session ? null : opts.token === undefined ? a.token : opts.token;
    const headers: Record<string, string> = {
      ...(opts.session ? { cookie: opts.session, origin: TEST_ORIGIN } : {}),
      ...opts.headers,
    };
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers["content-type"] ??= "application/json";
      body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    }
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, json, headers: res.headers };
  }

  let passwordHash: Promise<string> | undefined;
  /** Gives the user a console login (password TEST_PASSWORD) if they have none, signs in, returns the Cookie header. */
  async function sessionFor(who: { userId: string }): Promise<string> {
    const user = (await database.db.select().from(users).where(eq(users.id, who.userId)).limit(1))[0]!;
    const login = await database.db.select().from(authUsers).where(eq(authUsers.threadlineUserId, user.id)).limit(1);
    if (!login[0]) {
      passwordHash ??= hashPassword(TEST_PASSWORD);
      await createLogin(database.db, {
        threadlineUserId: user.id,
        email: user.email,
        name: user.name,
        passwordHash: await passwordHash,
      });
    }
    const res = await app.request("/api/v1/session", {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_ORIGIN },
      body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`sign-in of ${user.email} failed: ${res.status} ${await res.text()}`);
    return cookieHeaderOf(res);
  }

  return {
    app,
    db: database.db,
    client: database.client,
    config,
    a,
    b,
    aRep,
    aViewer,
    call,
    sessionFor,
    close: () => database.close(),
  };
}
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** The Cookie header a browser would send back after this response (name=value of each Set-Cookie). */
export function cookieHeaderOf(res: { headers: Headers }): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => !c.endsWith("="))
    .join("; ");
}
