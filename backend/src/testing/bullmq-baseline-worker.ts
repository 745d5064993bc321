// Baseline for bench:dispatch: the same work as the dispatcher (load the job's context, render, build the MIME
// message, store it in the outbox and mark the job sent) driven by BullMQ delayed jobs on Redis, one job at a
// time per BullMQ handler (one write transaction per job, the usual shape of a queue-worker design).
import { Worker } from "bullmq";
import { openDatabase } from "../db/client";
import { newId } from "../db/new-id";
import { loadJobContexts } from "../scheduler/job-context";
import { renderStep, type TemplateCache } from "../scheduler/step-content";
import { emailStepConfigSchema } from "@threadline/shared/schemas";
import { buildMessage } from "../sending/build-message";

const [dbPath, redisPort, concurrency] = process.argv.slice(2);
const database = await openDatabase({ url: `file:${dbPath}` });
const client = database.client;
process.stdout.write("ready\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
const cache: TemplateCache = new Map();
const worker = new Worker(
  "sends",
  async (job) => {
    const [ctx] = await loadJobContexts(client, [job.data.sendJobId as string]);
    if (!ctx) throw new Error("no such send job");
    const rendered = await renderStep(client, cache, { ...ctx, config: emailStepConfigSchema.parse(ctx.step.config) });
    if ("error" in rendered) throw new Error(rendered.error);
    const built = await buildMessage({
      sendJobId: ctx.id,
      idempotencyKey: ctx.idempotencyKey,
      workspaceId: ctx.workspaceId,
      contactId: ctx.contactId,
      from: { name: ctx.mailbox?.displayName ?? null, address: ctx.mailbox?.email ?? "rep@bench.example" },
      to: { name: null, address: ctx.email },
      subject: rendered.subject,
      html: rendered.html,
      language: rendered.language,
      reply: null,
      unsubscribe: { url: `http://127.0.0.1:8787/u/${ctx.id}.x`, mailto: "mailto:rep@bench.example?subject=unsubscribe" },
      tracking: { opens: false, clicks: false },
      publicUrl: "http://127.0.0.1:8787",
      db: null,
    });
    const now = Date.now();
    await client.batch(
      [
        {
          sql: "INSERT INTO outbox_messages (id, workspace_id, mailbox_id, send_job_id, idempotency_key, message_id, raw) VALUES (?, ?, ?, ?, ?, ?, ?)",
          args: [
            newId("ob"),
            ctx.workspaceId,
            ctx.mailboxId,
            ctx.id,
            ctx.idempotencyKey,
            built.messageId,
            built.raw.toString("utf8"),
          ],
        },
        {
          sql: "UPDATE send_jobs SET status = 'sent', sent_at = ?, message_id = ? WHERE id = ?",
          args: [now, built.messageId, ctx.id],
        },
      ],
      "write",
    );
  },
  { connection: { host: "127.0.0.1", port: Number(redisPort) }, concurrency: Number(concurrency ?? 8) },
);
process.on("SIGTERM", () => {
  void worker.close().then(() => process.exit(0));
});
