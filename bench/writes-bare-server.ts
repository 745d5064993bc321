// Baseline for bench:writes: a bare Hono route doing the same writes as POST /contacts/:id/notes (a note row and its
// timeline event, atomically) with a plain libSQL client on the same schema — no auth, no validation, no middleware.
// Env: BARE_DB (file path), BARE_WORKSPACE, BARE_USER. Prints "listening on <url>" like the server.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";

// bench/ has no dependencies of its own: @libsql/client is the backend's.
interface Client {
  execute(sql: string): Promise<unknown>;
  batch(stmts: { sql: string; args: (string | number)[] }[], mode: "write"): Promise<unknown>;
}
const { createClient } = createRequire(new URL("../backend/package.json", import.meta.url))("@libsql/client") as {
  createClient: (config: { url: string }) => Client;
};

const client = createClient({ url: `file:${process.env.BARE_DB}` });
await client.execute("PRAGMA journal_mode = WAL");
await client.execute("PRAGMA synchronous = NORMAL");
const ws = process.env.BARE_WORKSPACE!;
const user = process.env.BARE_USER!;

const app = new Hono().post("/contacts/:id/notes", async (c) => {
  const { body } = await c.req.json<{ body: string }>();
  const id = `nt_${randomUUID()}`;
  const now = Date.now();
  await client.batch(
    [
      {
        sql: "INSERT INTO notes (id, workspace_id, contact_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        args: [id, ws, c.req.param("id"), user, body, now],
      },
      {
        sql: "INSERT INTO timeline_events (id, workspace_id, contact_id, type, actor, occurred_at, payload) VALUES (?, ?, ?, 'note', ?, ?, ?)",
        args: [`ev_${randomUUID()}`, ws, c.req.param("id"), user, now, JSON.stringify({ noteId: id, excerpt: body })],
      },
    ],
    "write",
  );
  return c.json({ id }, 201);
});
serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}`);
});
process.on("SIGTERM", () => process.exit(0));
