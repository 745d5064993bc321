// The send dispatcher: claims due send jobs with leases, checks state + suppression + caps in the same write
// transaction that marks them `sending`, renders and builds each message, hands it to the mailbox's transport,
// then records the send and queues the next step. Any number of processes may run it against one database.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Client, InStatement, InValue, Transaction } from "@libsql/client";
import { DateTime } from "luxon";
import { emailStepConfigSchema } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { setEnrollmentState } from "../enrollments/set-enrollment-state";
import { providerConfig, providerLimits, type ProviderConfig } from "../mailboxes/provider-config";
import { findSuppression } from "../repo/suppressions";
import { signToken } from "../security/sign-token";
import { buildMessage, type BuiltMessage } from "../sending/build-message";
import { ProviderError, type SendRequest, type SendResult, type Transport } from "../sending/transport";
import { transportFor as defaultTransportFor } from "../sending/transport-for";
import { loadJobContexts, type JobContext, type ThreadState } from "./job-context";
import { parseSettings, planSendTime } from "./plan-send-time";
import { nextStepAfter, scheduleNextStep, type StepRow } from "./schedule-next-step";
import { renderStep, type TemplateCache } from "./step-content";
import { mailboxes } from "../db/schema";

export interface DispatcherConfig {
  publicUrl: string;
  /** Base URL of pixel and click links (TRACKING_PUBLIC_URL); default publicUrl. */
  trackingUrl?: string;
  signingSecret: string;
  encryptionKey: Buffer | null;
  providers?: ProviderConfig;
}
type MailboxRow = typeof mailboxes.$inferSelect;

export interface DispatcherOptions {
  db: Db;
  client: Client;
  config: DispatcherConfig;
  owner?: string;
  batchSize?: number;
  /** Lease on a claimed job until it is marked `sending`. */
  leaseMs?: number;
  /** Lease while the provider call runs; after it expires the job is reconciled by whoever claims it. */
  sendLeaseMs?: number;
  maxAttempts?: number;
  transportFor?: (mailbox: MailboxRow | null) => Transport;
  hooks?: {
    afterClaim?: (jobIds: string[]) => unknown;
    afterMarkSending?: (jobIds: string[]) => unknown;
  };
  random?: () => number;
  log?: (msg: string) => void;
}

export interface DispatchStats {
  claimed: number;
  sent: number;
  reconciled: number;
  deferred: number;
  cancelled: number;
  failed: number;
  retried: number;
  duplicatesPrevented: number;
}

const emptyStats = (): DispatchStats => ({
  claimed: 0,
  sent: 0,
  reconciled: 0,
  deferred: 0,
  cancelled: 0,
  failed: 0,
  retried: 0,
  duplicatesPrevented: 0,
});

const chunks = <T>(rows: T[], size = 100): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
};
const rowsSql = (rows: unknown[][]) => rows.map((r) => `(${placeholders(r.length)})`).join(", ");
const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(",");
const dayStart = (now: number, zone: string) => {
  const d = DateTime.fromMillis(now, { zone });
  return (d.isValid ? d : DateTime.fromMillis(now, { zone: "UTC" })).startOf("day").toMillis();
};
const nextDayStart = (now: number, zone: string) => {
  const d = DateTime.fromMillis(now, { zone });
  return (d.isValid ? d : DateTime.fromMillis(now, { zone: "UTC" })).startOf("day").plus({ days: 1 }).toMillis();
};

/** How long a job of a paused sequence waits before the dispatcher looks at it again. */
const SEQUENCE_PAUSED_HOLD_MS = 6 * 3_600_000;
/** A paused mailbox's due sends are looked at again this often, so resuming takes effect within minutes. */
const MAILBOX_PAUSED_HOLD_MS = 5 * 60_000;

interface Outcome {
  ctx: JobContext;
  result: SendResult;
  built: BuiltMessage | null;
  variant: string | null;
  reply: boolean;
}

export function createDispatcher(opts: DispatcherOptions) {
  const { db, client } = opts;
  const owner = opts.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const batchSize = opts.batchSize ?? 200;
  const leaseMs = opts.leaseMs ?? 60_000;
  const sendLeaseMs = opts.sendLeaseMs ?? 5 * 60_000;
  const maxAttempts = opts.maxAttempts ?? 5;
  const random = opts.random ?? Math.random;
  const log = opts.log ?? ((m: string) => console.log(`[dispatcher] ${m}`));
  const providers = providerConfig(opts.config.providers);
  const transports = new Map<string, Transport>();
  const transportOf = (mailbox: MailboxRow | null): Transport => {
    const key = mailbox?.id ?? "outbox";
    let t = transports.get(key);
    if (!t) {
      t = opts.transportFor
        ? opts.transportFor(mailbox)
        : defaultTransportFor(db, mailbox, { encryptionKey: opts.config.encryptionKey, providers });
      transports.set(key, t);
    }
    return t;
  };
  const safeTransport = (mailbox: MailboxRow | null): Transport | Error => {
    if (mailbox && !mailbox.active)
      return new Error(`mailbox ${mailbox.email} is disconnected; reconnect it, then resume the enrollment`);
    try {
      return transportOf(mailbox);
    } catch (e) {
      return new Error(`mailbox ${mailbox?.email ?? "outbox"} cannot send: ${(e as Error).message}`);
    }
  };
  const mailboxCache = new Map<string, MailboxRow | null>();
  async function mailboxRow(id: string | null): Promise<MailboxRow | null> {
    if (!id) return null;
    if (!mailboxCache.has(id)) {
      const rs = await db.query.mailboxes.findFirst({ where: (m, { eq }) => eq(m.id, id) });
      mailboxCache.set(id, rs ?? null);
    }
    return mailboxCache.get(id) ?? null;
  }

  /** One statement claims due jobs and expired leases (a `sending` job keeps its status: it must be reconciled). */
  async function claim(now: number): Promise<{ id: string; status: string }[]> {
    const rs = await client.execute({
      sql: `UPDATE send_jobs SET status = CASE WHEN status = 'sending' THEN 'sending' ELSE 'leased' END,
              lease_owner = ?, lease_expires_at = ?
            WHERE id IN (
              SELECT id FROM (SELECT id FROM send_jobs
                WHERE status IN ('leased', 'sending') AND lease_expires_at < ? LIMIT ?)
              UNION ALL
              -- Walks the (status, run_at) index in order and stops at the limit (an OR here made SQLite
              -- collect and sort every due row on each claim).
              SELECT id FROM (SELECT id FROM send_jobs
                WHERE status = 'queued' AND run_at <= ? ORDER BY run_at LIMIT ?))
            RETURNING id, status`,
      args: [owner, now + leaseMs, now, batchSize, now, batchSize],
    });
    return rs.rows.map((r) => ({ id: String(r.id), status: String(r.status) }));
  }

  async function inWrite<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    const tx = await client.transaction("write");
    try {
      const r = await fn(tx);
      await tx.commit();
      return r;
    } catch (e) {
      await tx.rollback().catch(() => {});
      throw e;
    } finally {
      tx.close();
    }
  }

  async function failJob(ctx: JobContext, reason: string, enrollmentState: "failed" | "paused" | null, stats: DispatchStats) {
    await client.execute({
      sql: `UPDATE send_jobs SET status = 'failed', last_error = ?, lease_owner = NULL, lease_expires_at = NULL
            WHERE id = ? AND lease_owner = ?`,
      args: [reason, ctx.id, owner],
    });
    stats.failed++;
    if (enrollmentState) {
      await setEnrollmentState(db, {
        workspaceId: ctx.workspaceId,
        enrollmentId: ctx.enrollmentId,
        state: enrollmentState,
        reason,
        actor: "system:dispatcher",
      });
    }
  }

  /** Jobs refused by the admission statement: find out why and settle them (rare path). */
  async function settleRefused(ctx: JobContext, now: number, stats: DispatchStats) {
    // The sequence is paused: the job waits (activating re-plans it into the next window).
    const held = await client.execute({
      sql: `UPDATE send_jobs SET status = 'queued', run_at = ?, lease_owner = NULL, lease_expires_at = NULL,
              last_error = 'held: sequence paused'
            WHERE id = ? AND lease_owner = ? AND status IN ('leased', 'sending')
              AND EXISTS (SELECT 1 FROM sequences sq WHERE sq.id = send_jobs.sequence_id AND sq.status = 'paused')`,
      args: [now + SEQUENCE_PAUSED_HOLD_MS, ctx.id, owner],
    });
    if (held.rowsAffected > 0) {
      stats.deferred++;
      return;
    }
    await client.execute({
      sql: `UPDATE send_jobs SET status = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, last_error = ?
            WHERE id = ? AND lease_owner = ? AND status IN ('leased', 'sending')`,
      args: ["refused at send time", ctx.id, owner],
    });
    stats.cancelled++;
    const e = await db.query.enrollments.findFirst({ where: (t, { eq }) => eq(t.id, ctx.enrollmentId) });
    if (!e || e.state !== "active") return;
    const sup = await findSuppression(db, ctx.workspaceId, ctx.email);
    if (sup) {
      await setEnrollmentState(db, {
        workspaceId: ctx.workspaceId,
        enrollmentId: ctx.enrollmentId,
        state: sup.reason === "unsubscribe" ? "unsubscribed" : "stopped",
        reason: `address suppressed (${sup.reason})`,
        actor: "system:dispatcher",
      });
      return;
    }
    // The step was deleted after the job was queued: move on to the next live step.
    await db.transaction((tx) => scheduleNextStep(tx, { enrollmentId: ctx.enrollmentId, now }));
  }

  /**
   * Admission, in ONE write transaction (BEGIN IMMEDIATE): caps and spacing are counted, then a single UPDATE marks
   * `sending` only the jobs whose enrollment is still active, whose step is live and whose address (or domain)
   * is not suppressed. A stop or unsubscribe committed before this transaction always wins.
   */
  async function admit(candidates: JobContext[], now: number, stats: DispatchStats): Promise<Set<string>> {
    if (candidates.length === 0) return new Set();
    return inWrite(async (tx) => {
      const admitted: JobContext[] = [];
      const deferred: { id: string; runAt: number; why: string }[] = [];
      const mbState = new Map<string, { count: number; cap: number; last: number; spacing: number }>();
      const seqState = new Map<string, { count: number; cap: number }>();
      for (const ctx of candidates) {
        const settings = parseSettings(ctx.sequence.settings);
        const mbKey = ctx.mailboxId ?? "outbox";
        let mb = mbState.get(mbKey);
        if (!mb) {
          const kind = (ctx.mailbox?.kind ?? "outbox") as keyof typeof providerLimits;
          const zone = ctx.sender?.timeZone ?? "UTC";
          const rs = await tx.execute({
            sql: `SELECT count(*) AS n, max(sent_at) AS last FROM send_jobs
                  WHERE mailbox_id IS ? AND sent_at >= ? AND status IN ('sending', 'sent')`,
            args: [ctx.mailboxId, dayStart(now, zone)],
          });
          mb = {
            count: Number(rs.rows[0]?.n ?? 0),
            last: Number(rs.rows[0]?.last ?? 0),
            cap: ctx.mailbox?.dailyCap ?? providerLimits.outbox.dailyCap,
            spacing: Math.max(
              providerLimits[kind]?.minSpacingMs ?? 0,
              settings.minSpacingSeconds * 1000,
              (ctx.mailbox?.minSpacingSeconds ?? 0) * 1000,
            ),
          };
          mbState.set(mbKey, mb);
        }
        let sq = seqState.get(ctx.sequenceId);
        if (!sq) {
          const rs = await tx.execute({
            sql: `SELECT count(*) AS n FROM send_jobs WHERE sequence_id = ? AND sent_at >= ? AND status IN ('sending', 'sent')`,
            args: [ctx.sequenceId, dayStart(now, ctx.sequence.timeZone)],
          });
          sq = { count: Number(rs.rows[0]?.n ?? 0), cap: ctx.sequence.dailyCap };
          seqState.set(ctx.sequenceId, sq);
        }
        const plan = (from: number) =>
          planSendTime({
            from,
            delay: { amount: 0, unit: "hours" },
            contact: ctx.contact,
            sequence: { timeZone: ctx.sequence.timeZone, settings },
            now,
          }).at;
        if (ctx.mailbox?.paused) {
          deferred.push({ id: ctx.id, runAt: now + MAILBOX_PAUSED_HOLD_MS, why: "mailbox paused" });
          continue;
        }
        if (mb.count >= mb.cap) {
          deferred.push({ id: ctx.id, runAt: plan(nextDayStart(now, ctx.sender?.timeZone ?? "UTC")), why: "mailbox daily cap" });
          continue;
        }
        if (sq.count >= sq.cap) {
          deferred.push({ id: ctx.id, runAt: plan(nextDayStart(now, ctx.sequence.timeZone)), why: "sequence daily cap" });
          continue;
        }
        if (mb.spacing > 0 && mb.last && now < mb.last + mb.spacing) {
          const jitter = Math.floor(random() * settings.jitterSeconds * 1000);
          const at = plan(mb.last + mb.spacing + jitter);
          mb.last = Math.max(mb.last, at);
          deferred.push({ id: ctx.id, runAt: at, why: "mailbox spacing" });
          continue;
        }
        mb.count++;
        sq.count++;
        if (mb.spacing > 0) mb.last = now;
        admitted.push(ctx);
      }
      const ok = new Set<string>();
      if (admitted.length) {
        const ids = admitted.map((c) => c.id);
        const rs = await tx.execute({
          sql: `UPDATE send_jobs SET status = 'sending', attempts = attempts + 1, sent_at = ?, lease_expires_at = ?
                WHERE id IN (${placeholders(ids.length)}) AND lease_owner = ? AND status IN ('leased', 'sending')
                  AND EXISTS (SELECT 1 FROM enrollments e WHERE e.id = send_jobs.enrollment_id AND e.state = 'active')
                  AND EXISTS (SELECT 1 FROM sequence_steps st WHERE st.id = send_jobs.step_id AND st.deleted_at IS NULL)
                  AND NOT EXISTS (SELECT 1 FROM sequences sq WHERE sq.id = send_jobs.sequence_id AND sq.status = 'paused')
                  AND NOT EXISTS (
                    SELECT 1 FROM enrollments e JOIN contacts c ON c.id = e.contact_id
                    JOIN suppressions s ON s.workspace_id = c.workspace_id
                     AND ((s.kind = 'address' AND s.value = c.email)
                       OR (s.kind = 'domain' AND s.value = substr(c.email, instr(c.email, '@') + 1)))
                    WHERE e.id = send_jobs.enrollment_id)
                RETURNING id`,
          args: [now, now + sendLeaseMs, ...ids, owner],
        });
        for (const r of rs.rows) ok.add(String(r.id));
      }
      if (deferred.length) {
        await tx.batch(
          deferred.map((d) => ({
            sql: `UPDATE send_jobs SET status = 'queued', run_at = ?, lease_owner = NULL, lease_expires_at = NULL, last_error = ?
                  WHERE id = ? AND lease_owner = ?`,
            args: [d.runAt, `deferred: ${d.why}`, d.id, owner],
          })),
        );
        await tx.batch(
          deferred.map((d) => ({
            sql: `UPDATE enrollments SET next_run_at = ? WHERE id = (SELECT enrollment_id FROM send_jobs WHERE id = ?)`,
            args: [d.runAt, d.id],
          })),
        );
        stats.deferred += deferred.length;
      }
      return ok;
    }).then(async (ok) => {
      const deferredIds = new Set<string>();
      for (const c of candidates) if (!ok.has(c.id)) deferredIds.add(c.id);
      // Refused (not deferred) jobs: their lease is still ours and status unchanged.
      const rs = deferredIds.size
        ? await client.execute({
            sql: `SELECT id FROM send_jobs WHERE id IN (${placeholders(deferredIds.size)}) AND lease_owner = ?`,
            args: [...deferredIds, owner],
          })
        : { rows: [] };
      const refused = new Set(rs.rows.map((r) => String(r.id)));
      for (const c of candidates) if (refused.has(c.id)) await settleRefused(c, now, stats);
      return ok;
    });
  }

  function threadReply(ctx: JobContext): { subject: string; messageIds: string[] } | null {
    const cfg = emailStepConfigSchema.safeParse(ctx.step.config);
    const mode = (cfg.success ? cfg.data.threadMode : undefined) ?? "same_thread";
    const ids = ctx.thread.messageIds ?? (ctx.thread.messageId ? [ctx.thread.messageId] : []);
    if (mode !== "same_thread" || ids.length === 0) return null;
    return { subject: ctx.thread.subject ?? "", messageIds: ids };
  }

  async function build(
    ctx: JobContext,
    cache: TemplateCache,
  ): Promise<{ built: BuiltMessage; variant: string | null; reply: boolean } | { error: string }> {
    const cfg = emailStepConfigSchema.safeParse(ctx.step.config);
    if (!cfg.success) return { error: "the step's email configuration is invalid" };
    const rendered = await renderStep(client, cache, { ...ctx, config: cfg.data });
    if ("error" in rendered) return rendered;
    if (rendered.missing.length) return { error: `missing template variables: ${rendered.missing.join(", ")}` };
    const settings = parseSettings(ctx.sequence.settings);
    const reply = threadReply(ctx);
    if (!reply && !rendered.subject.trim())
      return { error: "the step has no subject and there is no earlier message to reply to" };
    const fromAddress = ctx.mailbox?.email ?? ctx.sender?.email ?? "outbox@threadline.invalid";
    const token = signToken({ secret: opts.config.signingSecret, purpose: "unsubscribe", id: ctx.id });
    const built = await buildMessage({
      sendJobId: ctx.id,
      idempotencyKey: ctx.idempotencyKey,
      workspaceId: ctx.workspaceId,
      contactId: ctx.contactId,
      from: { name: ctx.mailbox?.displayName ?? ctx.sender?.name ?? null, address: fromAddress },
      to: { name: ctx.contact.displayName, address: ctx.email },
      subject: rendered.subject,
      html: rendered.html,
      language: rendered.language,
      reply,
      unsubscribe: settings.includeUnsubscribe
        ? {
            url: `${opts.config.publicUrl.replace(/\/$/, "")}/u/${token}`,
            mailto: `mailto:${fromAddress}?subject=unsubscribe`,
          }
        : null,
      tracking: { opens: settings.trackOpens, clicks: settings.trackClicks },
      publicUrl: opts.config.publicUrl,
      ...(opts.config.trackingUrl ? { trackingUrl: opts.config.trackingUrl } : {}),
      signingSecret: opts.config.signingSecret,
      db,
    });
    return { built, variant: rendered.variant, reply: reply !== null };
  }

  /** Records sends, updates enrollments and queues next steps: one write transaction per batch. */
  async function finalize(outcomes: Outcome[], now: number, stats: DispatchStats) {
    if (outcomes.length === 0) return;
    // Steps per sequence (read outside the write lock).
    const stepsBySeq = new Map<string, StepRow[]>();
    for (const seqId of new Set(outcomes.map((o) => o.ctx.sequenceId))) {
      const rows = await db.query.sequenceSteps.findMany({ where: (s, { eq }) => eq(s.sequenceId, seqId) });
      stepsBySeq.set(seqId, rows);
    }
    await inWrite(async (tx) => {
      // Multi-row statements (UPDATE … FROM (VALUES …), multi-row INSERT): a handful of statements per batch
      // instead of several per job — libSQL local calls run synchronously on the event loop.
      const markRows = outcomes.map((o) => [
        o.ctx.id,
        o.result.messageId,
        o.result.providerMessageId,
        o.result.providerThreadId,
        o.built?.subject ?? null,
        o.variant,
        o.result.alreadySent ? "duplicate prevented: a message with this idempotency key already existed" : null,
      ]);
      const marked = new Set<string>();
      for (const chunk of chunks(markRows)) {
        const rs = await tx.execute({
          sql: `UPDATE send_jobs SET status = 'sent', message_id = v.column2, provider_message_id = v.column3,
                  provider_thread_id = v.column4, subject = coalesce(v.column5, send_jobs.subject),
                  variant = coalesce(v.column6, send_jobs.variant), sent_at = ?, lease_owner = NULL,
                  lease_expires_at = NULL, last_error = v.column7
                FROM (VALUES ${rowsSql(chunk)}) AS v
                WHERE send_jobs.id = v.column1 AND send_jobs.lease_owner = ? AND send_jobs.status = 'sending'
                RETURNING send_jobs.id`,
          args: [now, ...chunk.flat(), owner] as InValue[],
        });
        for (const r of rs.rows) marked.add(String(r.id));
      }
      const done = outcomes.filter((o) => marked.has(o.ctx.id));
      if (done.length === 0) return;
      const states = await tx.execute({
        sql: `SELECT id, state FROM enrollments WHERE id IN (${placeholders(done.length)})`,
        args: done.map((o) => o.ctx.enrollmentId),
      });
      const stateOf = new Map(states.rows.map((r) => [String(r.id), String(r.state)]));
      const enrollmentRows: InValue[][] = [];
      const events: InValue[][] = [];
      const finished: string[] = [];
      const nextJobs: InValue[][] = [];
      const stmts: InStatement[] = [];
      for (const o of done) {
        const { ctx } = o;
        stats.sent++;
        if (o.result.alreadySent) stats.duplicatesPrevented++;
        const kind = ctx.mailbox?.kind ?? "outbox";
        const prevIds = ctx.thread.messageIds ?? (ctx.thread.messageId ? [ctx.thread.messageId] : []);
        const thread: ThreadState = {
          ...ctx.thread,
          messageIds: o.reply || !o.built ? [...prevIds, o.result.messageId].slice(-20) : [o.result.messageId],
          subject: o.reply || !o.built ? (ctx.thread.subject ?? o.built?.subject) : o.built.subject,
          providerMessageId: o.result.providerMessageId ?? undefined,
          ...(kind === "gmail" && o.result.providerThreadId ? { gmailThreadId: o.result.providerThreadId } : {}),
          ...(kind === "microsoft" && o.result.providerThreadId ? { conversationId: o.result.providerThreadId } : {}),
        };
        delete thread.messageId;
        const active = stateOf.get(ctx.enrollmentId) === "active";
        const settings = parseSettings(ctx.sequence.settings);
        const next = active ? nextStepAfter(stepsBySeq.get(ctx.sequenceId) ?? [], ctx.stepId) : null;
        let nextRunAt: number | null = null;
        if (next) {
          nextRunAt = Math.max(
            planSendTime({
              from: now,
              delay: { amount: next.delayAmount, unit: next.delayUnit },
              contact: ctx.contact,
              sequence: { timeZone: ctx.sequence.timeZone, settings },
              now,
            }).at,
            ctx.pausedUntil ?? 0,
          );
        }
        enrollmentRows.push([ctx.enrollmentId, ctx.stepId, JSON.stringify(thread), nextRunAt]);
        events.push([
          newId("ev", now),
          ctx.workspaceId,
          ctx.contactId,
          "email_sent",
          JSON.stringify({
            sendJobId: ctx.id,
            enrollmentId: ctx.enrollmentId,
            sequenceId: ctx.sequenceId,
            stepId: ctx.stepId,
            subject: o.built?.subject ?? null,
            messageId: o.result.messageId,
            to: ctx.email,
          }),
        ]);
        if (!active) continue;
        if (!next) {
          finished.push(ctx.enrollmentId);
          events.push([
            newId("ev", now),
            ctx.workspaceId,
            ctx.contactId,
            "sequence_finished",
            JSON.stringify({ enrollmentId: ctx.enrollmentId, sequenceId: ctx.sequenceId }),
          ]);
        } else if (next.kind === "email") {
          nextJobs.push([
            newId("sj", now),
            ctx.workspaceId,
            ctx.enrollmentId,
            next.id,
            ctx.sequenceId,
            ctx.mailboxId,
            `${ctx.enrollmentId}:${next.id}`,
            nextRunAt,
          ]);
        } else {
          const cfg = next.config as { taskKind?: string; title?: string; note?: string };
          stmts.push({
            sql: `INSERT INTO tasks (id, workspace_id, owner_id, contact_id, enrollment_id, step_id, kind, title, note, due_at)
                  SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM tasks WHERE enrollment_id = ? AND step_id = ?)`,
            args: [
              newId("tk", now),
              ctx.workspaceId,
              ctx.ownerId,
              ctx.contactId,
              ctx.enrollmentId,
              next.id,
              cfg.taskKind ?? "custom",
              cfg.title ?? "Sequence task",
              cfg.note ?? null,
              nextRunAt,
              ctx.enrollmentId,
              next.id,
            ],
          });
          events.push([
            newId("ev", now),
            ctx.workspaceId,
            ctx.contactId,
            "task_created",
            JSON.stringify({
              enrollmentId: ctx.enrollmentId,
              stepId: next.id,
              title: cfg.title ?? null,
              dueAt: new Date(nextRunAt!).toISOString(),
            }),
          ]);
        }
      }
      for (const chunk of chunks(enrollmentRows)) {
        stmts.push({
          sql: `UPDATE enrollments SET steps_done = steps_done + 1, last_step_id = v.column2, last_step_at = ?, thread = v.column3,
                  next_run_at = CASE WHEN enrollments.state = 'active' THEN v.column4 ELSE NULL END
                FROM (VALUES ${rowsSql(chunk)}) AS v WHERE enrollments.id = v.column1`,
          args: [now, ...chunk.flat()],
        });
      }
      for (const chunk of chunks(finished.map((id) => [id]))) {
        stmts.push({
          sql: `UPDATE enrollments SET state = 'finished', state_reason = 'all steps done', state_changed_at = ?, next_run_at = NULL
                WHERE id IN (${placeholders(chunk.length)}) AND state = 'active'`,
          args: [now, ...chunk.flat()],
        });
      }
      for (const chunk of chunks(events)) {
        stmts.push({
          sql: `INSERT INTO timeline_events (id, workspace_id, contact_id, type, payload, actor, occurred_at)
                VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, 'system:dispatcher', ?)").join(", ")}`,
          args: chunk.flatMap((e) => [...e, now]),
        });
      }
      for (const chunk of chunks(nextJobs)) {
        stmts.push({
          sql: `INSERT INTO send_jobs (id, workspace_id, enrollment_id, step_id, sequence_id, mailbox_id, idempotency_key, status, run_at)
                VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, 'queued', ?)").join(", ")}
                ON CONFLICT (idempotency_key) DO UPDATE SET status = 'queued', run_at = excluded.run_at,
                  lease_owner = NULL, lease_expires_at = NULL, last_error = NULL
                WHERE send_jobs.status IN ('cancelled', 'queued')`,
          args: chunk.flat(),
        });
      }
      if (stmts.length) await tx.batch(stmts);
    });
  }

  async function handleError(ctx: JobContext, err: Error, now: number, stats: DispatchStats) {
    const pe = err instanceof ProviderError ? err : new ProviderError(err.message, { definite: false, retryable: false });
    if (!pe.opts.definite) {
      // Outcome unknown: keep `sending`; whoever claims it after a short lease reconciles before any retry.
      await client.execute({
        sql: `UPDATE send_jobs SET lease_expires_at = ?, last_error = ? WHERE id = ? AND lease_owner = ? AND status = 'sending'`,
        args: [now + 30_000, `outcome unknown, will reconcile: ${pe.message}`, ctx.id, owner],
      });
      stats.retried++;
      return;
    }
    if (pe.opts.retryable && ctx.attempts + 1 < maxAttempts) {
      const wait = pe.opts.retryAfterMs ?? Math.min(3_600_000, 60_000 * 2 ** ctx.attempts);
      await client.execute({
        sql: `UPDATE send_jobs SET status = 'queued', run_at = ?, sent_at = NULL, lease_owner = NULL, lease_expires_at = NULL, last_error = ?
              WHERE id = ? AND lease_owner = ? AND status = 'sending'`,
        args: [now + wait, pe.message, ctx.id, owner],
      });
      stats.retried++;
      return;
    }
    await failJob(ctx, pe.message, pe.opts.pause ? "paused" : "failed", stats);
  }

  async function runOnce(now = Date.now()): Promise<DispatchStats> {
    const stats = emptyStats();
    const claimed = await claim(now);
    stats.claimed = claimed.length;
    if (claimed.length === 0) return stats;
    await opts.hooks?.afterClaim?.(claimed.map((c) => c.id));
    const ctxs = await loadJobContexts(
      client,
      claimed.map((c) => c.id),
    );
    const outcomes: Outcome[] = [];
    const candidates: JobContext[] = [];
    for (const ctx of ctxs) {
      if (ctx.status !== "sending") {
        candidates.push(ctx);
        continue;
      }
      // Interrupted while `sending`: ask the provider (or the outbox) before anything else. Never resend blindly.
      const transport = safeTransport(await mailboxRow(ctx.mailboxId));
      const r =
        transport instanceof Error
          ? { unknown: transport.message }
          : await transport.reconcile({ idempotencyKey: ctx.idempotencyKey, to: ctx.email, since: ctx.sentAt ?? ctx.runAt });
      if ("found" in r) {
        stats.reconciled++;
        outcomes.push({ ctx, result: r.found, built: null, variant: null, reply: false });
      } else if ("absent" in r) {
        candidates.push(ctx);
      } else {
        await failJob(ctx, `not resent: ${r.unknown}; check the Sent folder, then resume the enrollment`, "paused", stats);
      }
    }
    const admitted = await admit(candidates, now, stats);
    const sending = candidates.filter((c) => admitted.has(c.id));
    await opts.hooks?.afterMarkSending?.(sending.map((c) => c.id));

    const cache: TemplateCache = new Map();
    const byMailbox = new Map<
      string,
      { mailbox: MailboxRow | null; items: { ctx: JobContext; req: SendRequest; variant: string | null; reply: boolean }[] }
    >();
    const builds = await Promise.all(
      sending.map((ctx) => build(ctx, cache).catch((e: Error) => ({ error: `build failed: ${e.message}` }))),
    );
    for (let i = 0; i < sending.length; i++) {
      const ctx = sending[i]!;
      const b = builds[i]!;
      if ("error" in b) {
        await client.execute({
          sql: `UPDATE send_jobs SET status = 'leased' WHERE id = ? AND lease_owner = ? AND status = 'sending'`,
          args: [ctx.id, owner],
        });
        await failJob(ctx, b.error, "failed", stats);
        continue;
      }
      const key = ctx.mailboxId ?? "outbox";
      let group = byMailbox.get(key);
      if (!group) {
        group = { mailbox: await mailboxRow(ctx.mailboxId), items: [] };
        byMailbox.set(key, group);
      }
      const reply = b.reply;
      group.items.push({
        ctx,
        variant: b.variant,
        reply,
        req: {
          sendJobId: ctx.id,
          workspaceId: ctx.workspaceId,
          mailboxId: ctx.mailboxId,
          idempotencyKey: ctx.idempotencyKey,
          to: ctx.email,
          from: ctx.mailbox?.email ?? ctx.sender?.email ?? "outbox@threadline.invalid",
          message: b.built,
          thread: reply
            ? {
                gmailThreadId: ctx.thread.gmailThreadId,
                providerMessageId: ctx.thread.providerMessageId,
                conversationId: ctx.thread.conversationId,
              }
            : null,
        },
      });
    }
    for (const group of byMailbox.values()) {
      const transport = safeTransport(group.mailbox);
      let results: (SendResult | Error)[];
      if (transport instanceof Error) {
        // No transport (mailbox disconnected, credentials unreadable): nothing was sent.
        const err = new ProviderError(transport.message, { definite: true, retryable: false, pause: true });
        results = group.items.map(() => err);
      } else {
        try {
          results = await transport.sendMany(group.items.map((i) => i.req));
        } catch (e) {
          results = group.items.map(() => (e instanceof Error ? e : new Error(String(e))));
        }
      }
      for (let i = 0; i < group.items.length; i++) {
        const item = group.items[i]!;
        const r = results[i]!;
        if (r instanceof Error) await handleError(item.ctx, r, now, stats);
        else outcomes.push({ ctx: item.ctx, result: r, built: item.req.message, variant: item.variant, reply: item.reply });
      }
    }
    await finalize(outcomes, now, stats);
    return stats;
  }

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  function start(intervalMs = 1000) {
    if (!stopped) return;
    stopped = false;
    const tick = async () => {
      timer = null;
      let full = false;
      try {
        const s = await runOnce();
        full = s.claimed >= batchSize;
        if (s.claimed)
          log(`claimed ${s.claimed}, sent ${s.sent}, deferred ${s.deferred}, failed ${s.failed}, cancelled ${s.cancelled}`);
      } catch (e) {
        log(`error: ${(e as Error).message}`);
      }
      if (!stopped) timer = setTimeout(() => (running = tick()), full ? 0 : intervalMs);
    };
    running = tick();
  }
  async function stop() {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  }
  return { owner, runOnce, start, stop };
}
export type Dispatcher = ReturnType<typeof createDispatcher>;
