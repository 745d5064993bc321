// Test harness: a migrated :memory: database, the real app, and two workspaces (A and B) with owner tokens.
import { createApp } from "../app";
import { openDatabase } from "../db/client";
import { createWorkspaceWithOwner } from "../repo/workspaces";

export async function createTestApp() {
  const database = await openDatabase({ url: ":memory:" });
  const app = createApp({
    db: database.db,
    config: {
      publicUrl: "http://127.0.0.1:8787",
      corsOrigins: ["chrome-extension://abc"],
      signingSecret: "test-signing-secret-0123456789abcdef",
      encryptionKey: Buffer.alloc(32, 7),
    },
  });
  const a = await createWorkspaceWithOwner(database.db, { name: "A", ownerEmail: "owner@a.example", ownerName: "Owner A" });
  const b = await createWorkspaceWithOwner(database.db, { name: "B", ownerEmail: "owner@b.example", ownerName: "Owner B" });

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

  return { app, db: database.db, client: database.client, a, b, call, close: () => database.close() };
}
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
