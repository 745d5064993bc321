// Test harness: a migrated :memory: database, the real app, and two workspaces (A and B) with owner tokens.
import { createApp } from "../app";
import type { EntraConfig } from "../auth/entra";
import { openDatabase } from "../db/client";
import type { Role } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { apiTokens, users } from "../db/schema";
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

export async function createTestApp(opts: { entra?: EntraConfig } = {}) {
  const database = await openDatabase({ url: ":memory:" });
  const app = createApp({
    db: database.db,
    config: {
      publicUrl: "http://127.0.0.1:8787",
      corsOrigins: ["chrome-extension://abc"],
      signingSecret: "test-signing-secret-0123456789abcdef",
      encryptionKey: Buffer.alloc(32, 7),
      entra: opts.entra ?? null,
    },
  });
  const a = await createWorkspaceWithOwner(database.db, { name: "A", ownerEmail: "owner@a.example", ownerName: "Owner A" });
  const b = await createWorkspaceWithOwner(database.db, { name: "B", ownerEmail: "owner@b.example", ownerName: "Owner B" });
  // Workspace A also has a rep and a viewer (viewers read but never write).
  const aRep = await addTestMember(database.db, a.workspaceId, "rep", "rep@a.example");
  const aViewer = await addTestMember(database.db, a.workspaceId, "viewer", "viewer@a.example");

  /** Calls the app like a client would: JSON in, parsed JSON out. */
  async function call(
    method: string,
    path: string,
    opts: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const token = opts.token === undefined ? a.token : opts.token;
    const headers: Record<string, string> = { ...opts.headers };
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

  return { app, db: database.db, client: database.client, a, b, aRep, aViewer, call, close: () => database.close() };
}
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
