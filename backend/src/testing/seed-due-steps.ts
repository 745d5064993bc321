// Seeds N due send jobs (N contacts, each enrolled in a one-step sequence, outbox mailbox without caps) straight
// into a database file, for the crash drill and the dispatch benchmark.
import type { Client, InStatement } from "@libsql/client";
import { newId } from "../db/new-id";
import { createWorkspaceWithOwner } from "../repo/workspaces";
import type { Db } from "../db/client";

export async function seedDueSteps(db: Db, client: Client, n: number, now = Date.now()) {
  const { workspaceId, userId } = await createWorkspaceWithOwner(db, {
    name: "Bench",
    ownerEmail: "rep@bench.example",
    ownerName: "Bench Rep",
  });
  const mailboxId = newId("mb");
  const sequenceId = newId("sq");
  const stepId = newId("st");
  const settings = JSON.stringify({ window: { start: "00:00", end: "24:00", days: [1, 2, 3, 4, 5, 6, 7] } });
  await client.batch(
    [
      {
        sql: "INSERT INTO mailboxes (id, workspace_id, user_id, kind, email, display_name, daily_cap) VALUES (?, ?, ?, 'outbox', 'rep@bench.example', 'Bench Rep', 100000000)",
        args: [mailboxId, workspaceId, userId],
      },
      {
        sql: "INSERT INTO sequences (id, workspace_id, owner_id, name, settings, daily_cap) VALUES (?, ?, ?, 'Bench', ?, 100000000)",
        args: [sequenceId, workspaceId, userId, settings],
      },
      {
        sql: "INSERT INTO sequence_steps (id, workspace_id, sequence_id, position, kind, config) VALUES (?, ?, ?, 10, 'email', ?)",
        args: [
          stepId,
          workspaceId,
          sequenceId,
          JSON.stringify({
            subject: "Quote for {{company.name}}",
            bodyHtml: "<p>Hi {{first_name}},</p><p>Here is our quote for <b>{{company.name}}</b>.</p><p>{{sender.name}}</p>",
          }),
        ],
      },
    ],
    "write",
  );
  const chunk = 500;
  for (let i = 0; i < n; i += chunk) {
    const stmts: InStatement[] = [];
    const m = Math.min(chunk, n - i);
    const vals = (k: number) => Array.from({ length: m }, () => `(${Array.from({ length: k }, () => "?").join(",")})`).join(",");
    const companies: unknown[] = [];
    const contacts: unknown[] = [];
    const enrollments: unknown[] = [];
    const jobs: unknown[] = [];
    for (let j = 0; j < m; j++) {
      const k = i + j;
      const co = newId("co");
      const ct = newId("ct");
      const en = newId("en");
      companies.push(co, workspaceId, `company${k}.example`, `Company ${k}`);
      contacts.push(ct, workspaceId, `buyer${k}@company${k}.example`, `Buyer${k}`, co);
      enrollments.push(en, workspaceId, ct, sequenceId, mailboxId, userId, now, now);
      jobs.push(newId("sj"), workspaceId, en, stepId, sequenceId, mailboxId, `${en}:${stepId}`, now);
    }
    stmts.push({ sql: `INSERT INTO companies (id, workspace_id, domain, name) VALUES ${vals(4)}`, args: companies as never });
    stmts.push({
      sql: `INSERT INTO contacts (id, workspace_id, email, first_name, company_id) VALUES ${vals(5)}`,
      args: contacts as never,
    });
    stmts.push({
      sql: `INSERT INTO enrollments (id, workspace_id, contact_id, sequence_id, mailbox_id, owner_id, state, state_changed_at, last_step_at) VALUES ${Array.from({ length: m }, () => "(?,?,?,?,?,?,'active',?,?)").join(",")}`,
      args: enrollments as never,
    });
    stmts.push({
      sql: `INSERT INTO send_jobs (id, workspace_id, enrollment_id, step_id, sequence_id, mailbox_id, idempotency_key, status, run_at) VALUES ${Array.from({ length: m }, () => "(?,?,?,?,?,?,?,'queued',?)").join(",")}`,
      args: jobs as never,
    });
    await client.batch(stmts, "write");
  }
  return { workspaceId, userId, mailboxId, sequenceId, stepId };
}

/** Duplicates (more than one stored message for a step or a contact) and lost steps (due but never stored). */
export async function countOutcome(client: Client) {
  const q = async (sql: string) => Number((await client.execute(sql)).rows[0]?.n ?? 0);
  const steps = await q("SELECT count(*) AS n FROM send_jobs");
  const dupByKey = await q(
    "SELECT coalesce(sum(c - 1), 0) AS n FROM (SELECT count(*) AS c FROM outbox_messages GROUP BY idempotency_key HAVING c > 1)",
  );
  const dupByContact = await q(
    "SELECT coalesce(sum(c - 1), 0) AS n FROM (SELECT count(*) AS c FROM outbox_messages o JOIN send_jobs j ON j.idempotency_key = o.idempotency_key JOIN enrollments e ON e.id = j.enrollment_id GROUP BY e.contact_id HAVING c > 1)",
  );
  const lost = await q(
    "SELECT count(*) AS n FROM send_jobs j WHERE NOT EXISTS (SELECT 1 FROM outbox_messages o WHERE o.idempotency_key = j.idempotency_key) OR j.status != 'sent'",
  );
  const prevented = await q("SELECT count(*) AS n FROM send_jobs WHERE last_error LIKE 'duplicate prevented%'");
  const open = await q("SELECT count(*) AS n FROM send_jobs WHERE status NOT IN ('sent', 'failed', 'cancelled')");
  return { steps, duplicates: Math.max(dupByKey, dupByContact), lost, prevented, open };
}
