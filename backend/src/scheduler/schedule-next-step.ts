import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { contacts, enrollments, sendJobs, sequences, sequenceSteps, tasks, timelineEvents } from "../db/schema";
import type { DbOrTx } from "../repo/suppressions";
import { parseSettings, planSendTime } from "./plan-send-time";

type EnrollmentRow = typeof enrollments.$inferSelect;
export type StepRow = typeof sequenceSteps.$inferSelect;

/**
 * The step an enrollment runs next: the first live (not deleted) step positioned after the step it completed
 * last (that step's current position, even if it was deleted since). A step inserted before that point is
 * skipped for enrollments already past it; a sent step is never sent again.
 */
export function nextStepAfter(steps: StepRow[], lastStepId: string | null): StepRow | null {
  const ordered = [...steps].sort((a, b) => a.position - b.position || a.createdAt - b.createdAt);
  const last = lastStepId ? ordered.find((s) => s.id === lastStepId) : undefined;
  const after = last ? last.position : -Infinity;
  return ordered.find((s) => s.deletedAt === null && s.position > after && s.id !== lastStepId) ?? null;
}

/**
 * Queues the enrollment's next step inside the caller's write transaction: an email becomes a send job (one
 * per enrollment+step, UNIQUE idempotency key; a cancelled row for that step is re-queued, a sent one never),
 * a task becomes an open task for the owner, due at the planned time (the sequence waits for it). No step
 * left → the enrollment is finished. Does nothing unless the enrollment is active.
 */
export async function scheduleNextStep(tx: DbOrTx, input: { enrollmentId: string; now: number; actor?: string }) {
  const { now } = input;
  const e = (await tx.select().from(enrollments).where(eq(enrollments.id, input.enrollmentId)).limit(1))[0];
  if (!e || e.state !== "active") return { kind: "none" as const };
  const seq = (await tx.select().from(sequences).where(eq(sequences.id, e.sequenceId)).limit(1))[0]!;
  const steps = await tx
    .select()
    .from(sequenceSteps)
    .where(eq(sequenceSteps.sequenceId, e.sequenceId))
    .orderBy(asc(sequenceSteps.position));
  const step = nextStepAfter(steps, e.lastStepId);
  if (!step) {
    await finish(tx, e, now, input.actor ?? "system:dispatcher");
    return { kind: "finished" as const };
  }
  const contact = (await tx.select().from(contacts).where(eq(contacts.id, e.contactId)).limit(1))[0]!;
  const plan = planSendTime({
    from: e.lastStepAt ?? e.createdAt,
    delay: { amount: step.delayAmount, unit: step.delayUnit },
    contact,
    sequence: { timeZone: seq.timeZone, settings: parseSettings(seq.settings) },
    now,
  });
  const runAt = Math.max(plan.at, e.pausedUntil ?? 0);
  if (step.kind === "email") {
    await queueSendJob(tx, { e, stepId: step.id, runAt });
  } else {
    const open = await tx
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.enrollmentId, e.id), eq(tasks.stepId, step.id)))
      .limit(1);
    if (!open[0]) {
      const cfg = step.config as { taskKind?: "call" | "linkedin" | "custom"; title?: string; note?: string };
      await tx.insert(tasks).values({
        id: newId("tk"),
        workspaceId: e.workspaceId,
        ownerId: e.ownerId,
        contactId: e.contactId,
        enrollmentId: e.id,
        stepId: step.id,
        kind: cfg.taskKind ?? "custom",
        title: cfg.title ?? "Sequence task",
        note: cfg.note ?? null,
        dueAt: runAt,
      });
      await tx.insert(timelineEvents).values({
        id: newId("ev"),
        workspaceId: e.workspaceId,
        contactId: e.contactId,
        type: "task_created",
        actor: input.actor ?? "system:dispatcher",
        occurredAt: now,
        payload: { enrollmentId: e.id, stepId: step.id, title: cfg.title ?? null, dueAt: new Date(runAt).toISOString() },
      });
    }
  }
  await tx.update(enrollments).set({ nextRunAt: runAt }).where(eq(enrollments.id, e.id));
  return { kind: step.kind, stepId: step.id, runAt };
}

export async function queueSendJob(tx: DbOrTx, input: { e: EnrollmentRow; stepId: string; runAt: number }) {
  const { e, stepId, runAt } = input;
  await tx
    .insert(sendJobs)
    .values({
      id: newId("sj"),
      workspaceId: e.workspaceId,
      enrollmentId: e.id,
      stepId,
      sequenceId: e.sequenceId,
      mailboxId: e.mailboxId,
      idempotencyKey: `${e.id}:${stepId}`,
      status: "queued",
      runAt,
    })
    .onConflictDoUpdate({
      target: sendJobs.idempotencyKey,
      set: { status: "queued", runAt, leaseOwner: null, leaseExpiresAt: null, lastError: null, mailboxId: e.mailboxId },
      // Only a cancelled row comes back; a queued one is just re-timed; sent/sending/failed rows stay as they are.
      setWhere: sql`${sendJobs.status} IN ('cancelled', 'queued')`,
    });
}

async function finish(tx: DbOrTx, e: EnrollmentRow, now: number, actor: string) {
  await tx
    .update(enrollments)
    .set({ state: "finished", stateReason: "all steps done", stateChangedAt: now, nextRunAt: null })
    .where(eq(enrollments.id, e.id));
  await tx.insert(timelineEvents).values({
    id: newId("ev"),
    workspaceId: e.workspaceId,
    contactId: e.contactId,
    type: "sequence_finished",
    actor,
    occurredAt: now,
    payload: { enrollmentId: e.id, sequenceId: e.sequenceId },
  });
}

/**
 * After steps were edited: re-plan every active enrollment of the sequence that waits on a queued job
 * (the queued job is re-timed, or cancelled when its step was deleted or another step now comes first).
 * Leased/sending/sent jobs are untouched: edits apply to steps not yet sent, never resend a sent step.
 */
export async function replanSequence(tx: DbOrTx, input: { workspaceId: string; sequenceId: string; now: number }) {
  const waiting = await tx
    .select({ jobId: sendJobs.id, enrollmentId: sendJobs.enrollmentId, stepId: sendJobs.stepId })
    .from(sendJobs)
    .innerJoin(enrollments, eq(enrollments.id, sendJobs.enrollmentId))
    .where(
      and(
        eq(sendJobs.workspaceId, input.workspaceId),
        eq(enrollments.sequenceId, input.sequenceId),
        eq(enrollments.state, "active"),
        eq(sendJobs.status, "queued"),
      ),
    );
  const steps = await tx.select().from(sequenceSteps).where(eq(sequenceSteps.sequenceId, input.sequenceId));
  for (const w of waiting) {
    const e = (await tx.select().from(enrollments).where(eq(enrollments.id, w.enrollmentId)).limit(1))[0]!;
    const next = nextStepAfter(steps, e.lastStepId);
    if (next?.id !== w.stepId) {
      await tx.update(sendJobs).set({ status: "cancelled", lastError: "step edited" }).where(eq(sendJobs.id, w.jobId));
    }
    await scheduleNextStep(tx, { enrollmentId: e.id, now: input.now, actor: "system:sequence-edit" });
  }
  // Active enrollments with no pending job and no open task (their next step was just added after the end).
  const idle = await tx
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(
      and(
        eq(enrollments.workspaceId, input.workspaceId),
        eq(enrollments.sequenceId, input.sequenceId),
        eq(enrollments.state, "active"),
        isNull(enrollments.nextRunAt),
      ),
    );
  for (const { id } of idle) await scheduleNextStep(tx, { enrollmentId: id, now: input.now, actor: "system:sequence-edit" });
}

export type { Db };
