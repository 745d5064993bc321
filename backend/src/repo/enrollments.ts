import { and, asc, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Client } from "@libsql/client";
import type { z } from "zod";
import { contactVariables } from "@threadline/shared/domain/contact-variables";
import { renderEmail } from "@threadline/shared/domain/render-email";
import { emailStepConfigSchema, type enrollRequestSchema } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { companies, contacts, enrollments, mailboxes, sendJobs, sequenceSteps, tasks, timelineEvents, users } from "../db/schema";
import { setEnrollmentStateInTx } from "../enrollments/set-enrollment-state";
import { ApiError, notFound } from "../http/api-error";
import type { Auth } from "../http/auth";
import { nextStepAfter, scheduleNextStep } from "../scheduler/schedule-next-step";
import { stepSource, type TemplateCache } from "../scheduler/step-content";
import { getSequence } from "./sequences";
import { findSuppression } from "./suppressions";

/** The libSQL client under drizzle (drizzle() attaches it as $client). */
export const clientOf = (db: Db) => (db as unknown as { $client: Client }).$client;

type EnrollRequest = z.infer<typeof enrollRequestSchema>;
export type EnrollmentRow = typeof enrollments.$inferSelect;
const iso = (ms: number) => new Date(ms).toISOString();

export function enrollmentToApi(e: EnrollmentRow, stepCount: number) {
  return {
    id: e.id,
    contactId: e.contactId,
    sequenceId: e.sequenceId,
    mailboxId: e.mailboxId,
    ownerId: e.ownerId,
    state: e.state,
    stateReason: e.stateReason,
    stateChangedAt: iso(e.stateChangedAt),
    stepsDone: e.stepsDone,
    stepCount,
    nextRunAt: e.nextRunAt === null ? null : iso(e.nextRunAt),
    thread: e.thread,
    createdAt: iso(e.createdAt),
  };
}

const notEnrollable = {
  draft: "This sequence is a draft; activate it before enrolling anyone.",
  paused: "This sequence is paused; activate it again before enrolling anyone.",
  archived: "This sequence is archived; unarchive it before enrolling anyone.",
} as const;

/** The caller's mailbox for sending: the one asked for (must be theirs, or any for admins), else their first active one, else a new outbox. */
async function resolveMailbox(db: Db, auth: Auth, mailboxId: string | undefined) {
  if (mailboxId) {
    const m = await db.query.mailboxes.findFirst({
      where: (t, { and, eq }) => and(eq(t.workspaceId, auth.workspaceId), eq(t.id, mailboxId), eq(t.active, true)),
    });
    if (!m) throw notFound(`Mailbox ${mailboxId}`);
    if (m.userId !== auth.userId && auth.role === "rep")
      throw new ApiError("forbidden", "You can only send from your own mailboxes.");
    return m.id;
  }
  const own = await db.query.mailboxes.findFirst({
    where: (t, { and, eq }) => and(eq(t.workspaceId, auth.workspaceId), eq(t.userId, auth.userId), eq(t.active, true)),
    orderBy: (t, { asc }) => [asc(t.createdAt)],
  });
  if (own) return own.id;
  const user = (await db.select().from(users).where(eq(users.id, auth.userId)).limit(1))[0]!;
  const id = newId("mb");
  await db.insert(mailboxes).values({
    id,
    workspaceId: auth.workspaceId,
    userId: auth.userId,
    kind: "outbox",
    email: user.email,
    displayName: user.name,
    dailyCap: 1_000_000,
  });
  return id;
}

/**
 * Enrols contacts (all or none). Refuses, naming every problem: unknown contact, suppressed address or domain,
 * already active/paused in this sequence, template variables without a value (each named). Warns (409, retry with
 * override: true) when a teammate owns an active enrollment of someone at the same company.
 */
export async function enroll(db: Db, auth: Auth, req: EnrollRequest) {
  const { row: seq, steps } = await getSequence(db, auth, req.sequenceId);
  if (seq.status !== "active")
    throw new ApiError("bad_request", notEnrollable[seq.status], {
      fields: [{ path: "sequenceId", message: `sequence is ${seq.status}` }],
    });
  const live = steps.filter((s) => s.deletedAt === null);
  if (!live.length) throw new ApiError("bad_request", "This sequence has no steps yet; add a step before enrolling.");
  const mailboxId = await resolveMailbox(db, auth, req.mailboxId);
  const sender = (await db.select().from(users).where(eq(users.id, auth.userId)).limit(1))[0]!;

  const found = [
    ...(req.contactIds?.length
      ? await db
          .select()
          .from(contacts)
          .where(and(eq(contacts.workspaceId, auth.workspaceId), inArray(contacts.id, req.contactIds)))
      : []),
    ...(req.emails?.length
      ? await db
          .select()
          .from(contacts)
          .where(and(eq(contacts.workspaceId, auth.workspaceId), inArray(contacts.email, req.emails)))
      : []),
  ];
  const list = [...new Map(found.map((c) => [c.id, c])).values()];
  const problems: { contact: string; code: string; message: string; missing?: string[] }[] = [];
  for (const id of req.contactIds ?? [])
    if (!list.some((c) => c.id === id))
      problems.push({ contact: id, code: "not_found", message: `no contact ${id} in this workspace` });
  for (const em of req.emails ?? [])
    if (!list.some((c) => c.email === em))
      problems.push({ contact: em, code: "not_found", message: `no contact with the email ${em}; create the contact first` });

  const warnings: { contact: string; message: string; enrollmentId: string; ownerId: string | null }[] = [];
  const cache: TemplateCache = new Map();
  for (const c of list) {
    const sup = await findSuppression(db, auth.workspaceId, c.email);
    if (sup)
      problems.push({
        contact: c.email,
        code: "suppressed",
        message: `${c.email} is suppressed (${sup.kind} ${sup.value}, ${sup.reason})`,
      });
    const dup = await db
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(
        and(
          eq(enrollments.workspaceId, auth.workspaceId),
          eq(enrollments.contactId, c.id),
          eq(enrollments.sequenceId, seq.id),
          inArray(enrollments.state, ["active", "paused"]),
        ),
      )
      .limit(1);
    if (dup[0])
      problems.push({
        contact: c.email,
        code: "already_enrolled",
        message: `${c.email} is already in this sequence (enrollment ${dup[0].id})`,
      });
    const company = c.companyId
      ? (await db.select().from(companies).where(eq(companies.id, c.companyId)).limit(1))[0]
      : undefined;
    const variables = contactVariables({
      contact: c,
      company: company ? { name: company.name, domain: company.domain } : null,
      sender: { name: sender.name, email: sender.email },
    });
    const missing = new Set<string>();
    for (const st of live) {
      if (st.kind !== "email") continue;
      const cfg = emailStepConfigSchema.parse(st.config);
      const sources = cfg.variants?.length ? cfg.variants.map((v) => ({ ...cfg, variants: [v] })) : [cfg];
      for (const s of sources) {
        const src = await stepSource(clientOf(db), cache, {
          workspaceId: auth.workspaceId,
          config: s,
          seed: "",
          contactLanguage: c.language,
        });
        if ("error" in src) {
          problems.push({ contact: c.email, code: "bad_step", message: src.error });
          continue;
        }
        for (const m of renderEmail({ subject: src.subject, html: src.html, variables }).missing) missing.add(m);
      }
    }
    if (missing.size)
      problems.push({
        contact: c.email,
        code: "missing_variables",
        message: `${c.email}: no value for ${[...missing].join(", ")}`,
        missing: [...missing],
      });
    if (c.companyId && !req.override) {
      const mate = await db
        .select({ id: enrollments.id, ownerId: enrollments.ownerId, email: contacts.email })
        .from(enrollments)
        .innerJoin(contacts, eq(contacts.id, enrollments.contactId))
        .where(
          and(
            eq(enrollments.workspaceId, auth.workspaceId),
            eq(contacts.companyId, c.companyId),
            eq(enrollments.state, "active"),
            ne(enrollments.ownerId, auth.userId),
          ),
        )
        .limit(1);
      if (mate[0])
        warnings.push({
          contact: c.email,
          enrollmentId: mate[0].id,
          ownerId: mate[0].ownerId,
          message: `a teammate already runs a sequence with ${mate[0].email} at the same company`,
        });
    }
  }
  if (problems.length) {
    throw new ApiError("bad_request", `Nobody was enrolled: ${problems.map((p) => p.message).join("; ")}.`, { problems });
  }
  if (warnings.length) {
    throw new ApiError(
      "conflict",
      `Nobody was enrolled: ${warnings.map((w) => `${w.contact}: ${w.message}`).join("; ")}. Send again with override: true to enrol anyway.`,
      { warnings },
    );
  }
  const startAt = req.startAt ? Date.parse(req.startAt) : Date.now();
  return db.transaction(async (tx) => {
    const now = Date.now();
    const created: EnrollmentRow[] = [];
    for (const c of list) {
      const id = newId("en");
      const thread = req.thread ? { ...req.thread, ...(req.thread.messageId ? { messageIds: [req.thread.messageId] } : {}) } : {};
      await tx.insert(enrollments).values({
        id,
        workspaceId: auth.workspaceId,
        contactId: c.id,
        sequenceId: seq.id,
        mailboxId,
        ownerId: auth.userId,
        state: "active",
        stateChangedAt: now,
        lastStepAt: Math.max(startAt, now),
        thread,
        createdAt: now,
      });
      await tx.insert(timelineEvents).values({
        id: newId("ev"),
        workspaceId: auth.workspaceId,
        contactId: c.id,
        type: "sequence_enrolled",
        actor: auth.userId,
        occurredAt: now,
        payload: { enrollmentId: id, sequenceId: seq.id, sequenceName: seq.name, fromThread: Boolean(req.thread) },
      });
      await scheduleNextStep(tx, { enrollmentId: id, now, actor: auth.userId });
      created.push((await tx.select().from(enrollments).where(eq(enrollments.id, id)).limit(1))[0]!);
    }
    return created.map((e) => enrollmentToApi(e, live.length));
  });
}

async function stepCounts(db: Db, sequenceIds: string[]) {
  if (!sequenceIds.length) return new Map<string, number>();
  const rows = await db
    .select({ id: sequenceSteps.sequenceId, n: sql<number>`count(*)` })
    .from(sequenceSteps)
    .where(and(inArray(sequenceSteps.sequenceId, sequenceIds), isNull(sequenceSteps.deletedAt)))
    .groupBy(sequenceSteps.sequenceId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export async function listEnrollments(
  db: Db,
  workspaceId: string,
  f: { contactId?: string; sequenceId?: string; state?: EnrollmentRow["state"] },
) {
  const conds = [eq(enrollments.workspaceId, workspaceId)];
  if (f.contactId) conds.push(eq(enrollments.contactId, f.contactId));
  if (f.sequenceId) conds.push(eq(enrollments.sequenceId, f.sequenceId));
  if (f.state) conds.push(eq(enrollments.state, f.state));
  const rows = await db
    .select()
    .from(enrollments)
    .where(and(...conds))
    .orderBy(desc(enrollments.createdAt))
    .limit(500);
  const counts = await stepCounts(db, [...new Set(rows.map((r) => r.sequenceId))]);
  return rows.map((r) => enrollmentToApi(r, counts.get(r.sequenceId) ?? 0));
}

export async function getEnrollment(db: Db, workspaceId: string, id: string) {
  const e = (
    await db
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.id, id)))
      .limit(1)
  )[0];
  if (!e) throw notFound(`Enrollment ${id}`);
  return e;
}

export async function enrollmentApi(db: Db, workspaceId: string, id: string) {
  const e = await getEnrollment(db, workspaceId, id);
  const counts = await stepCounts(db, [e.sequenceId]);
  return enrollmentToApi(e, counts.get(e.sequenceId) ?? 0);
}

function assertMayChange(auth: Auth, e: EnrollmentRow) {
  if (auth.role === "rep" && e.ownerId && e.ownerId !== auth.userId)
    throw new ApiError("forbidden", "Only the enrollment's owner or an admin can change it.");
}

export async function pauseEnrollment(db: Db, auth: Auth, id: string, reason: string | null) {
  const e = await getEnrollment(db, auth.workspaceId, id);
  assertMayChange(auth, e);
  if (e.state !== "active") throw new ApiError("conflict", `Only an active enrollment can be paused; this one is ${e.state}.`);
  await db.transaction((tx) =>
    setEnrollmentStateInTx(tx, {
      workspaceId: auth.workspaceId,
      enrollmentId: id,
      state: "paused",
      reason: reason ?? "paused by user",
      actor: auth.userId,
    }),
  );
  return enrollmentApi(db, auth.workspaceId, id);
}

export async function stopEnrollment(db: Db, auth: Auth, id: string, reason: string | null) {
  const e = await getEnrollment(db, auth.workspaceId, id);
  assertMayChange(auth, e);
  if (e.state !== "active" && e.state !== "paused") throw new ApiError("conflict", `This enrollment already ended (${e.state}).`);
  await db.transaction((tx) =>
    setEnrollmentStateInTx(tx, {
      workspaceId: auth.workspaceId,
      enrollmentId: id,
      state: "stopped",
      reason: reason ?? "stopped by user",
      actor: auth.userId,
    }),
  );
  return enrollmentApi(db, auth.workspaceId, id);
}

/**
 * Resumes a paused enrollment: its next step is planned again from now (a cancelled send comes back). A step whose
 * send failed with an unknown outcome (paused by the dispatcher) is treated as done — it is never resent.
 */
export async function resumeEnrollment(db: Db, auth: Auth, id: string) {
  const e = await getEnrollment(db, auth.workspaceId, id);
  assertMayChange(auth, e);
  if (e.state !== "paused") throw new ApiError("conflict", `Only a paused enrollment can be resumed; this one is ${e.state}.`);
  const sup = await findSuppression(
    db,
    auth.workspaceId,
    (await db.select().from(contacts).where(eq(contacts.id, e.contactId)))[0]!.email,
  );
  if (sup) throw new ApiError("conflict", `The contact's address is suppressed (${sup.reason}); the enrollment cannot resume.`);
  await db.transaction(async (tx) => {
    const now = Date.now();
    await setEnrollmentStateInTx(tx, {
      workspaceId: auth.workspaceId,
      enrollmentId: id,
      state: "active",
      reason: "resumed",
      actor: auth.userId,
      now,
    });
    const failed = await tx
      .select({ id: sendJobs.id, stepId: sendJobs.stepId, lastError: sendJobs.lastError })
      .from(sendJobs)
      .where(and(eq(sendJobs.enrollmentId, id), eq(sendJobs.status, "failed")))
      .orderBy(desc(sendJobs.createdAt))
      .limit(1);
    const steps = await tx
      .select()
      .from(sequenceSteps)
      .where(eq(sequenceSteps.sequenceId, e.sequenceId))
      .orderBy(asc(sequenceSteps.position));
    const next = nextStepAfter(steps, e.lastStepId);
    if (failed[0] && next?.id === failed[0].stepId) {
      if (failed[0].lastError?.startsWith("not resent:")) {
        // Delivery unknown after an interruption: count the step as done rather than risk a second copy.
        await tx
          .update(enrollments)
          .set({ lastStepId: next.id, stepsDone: e.stepsDone + 1 })
          .where(eq(enrollments.id, id));
      } else {
        // It failed before anything was sent (e.g. a disconnected mailbox): try the step again.
        await tx.update(sendJobs).set({ status: "cancelled" }).where(eq(sendJobs.id, failed[0].id));
      }
    }
    const openTask = await tx
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.enrollmentId, id), eq(tasks.status, "open")))
      .limit(1);
    if (!openTask[0])
      await tx
        .update(enrollments)
        .set({ lastStepAt: Math.max(e.lastStepAt ?? 0, now - 1) })
        .where(eq(enrollments.id, id));
    if (!openTask[0]) await scheduleNextStep(tx, { enrollmentId: id, now, actor: auth.userId });
  });
  return enrollmentApi(db, auth.workspaceId, id);
}

/** A sequence task was done or skipped: the enrollment moves on to its next step. */
export async function completeSequenceTask(db: Db, auth: Auth, enrollmentId: string, taskId: string, status: "done" | "skipped") {
  const e = await getEnrollment(db, auth.workspaceId, enrollmentId);
  await db.transaction(async (tx) => {
    const t = (
      await tx
        .select()
        .from(tasks)
        .where(and(eq(tasks.workspaceId, auth.workspaceId), eq(tasks.id, taskId), eq(tasks.enrollmentId, enrollmentId)))
        .limit(1)
    )[0];
    if (!t) throw notFound(`Task ${taskId} of enrollment ${enrollmentId}`);
    if (t.status !== "open") throw new ApiError("conflict", `The task is already ${t.status}.`);
    const now = Date.now();
    await tx.update(tasks).set({ status, completedAt: now }).where(eq(tasks.id, taskId));
    await tx.insert(timelineEvents).values({
      id: newId("ev"),
      workspaceId: auth.workspaceId,
      contactId: e.contactId,
      type: "task_completed",
      actor: auth.userId,
      occurredAt: now,
      payload: { taskId, status, enrollmentId },
    });
    if (e.state === "active" && t.stepId) {
      await tx
        .update(enrollments)
        .set({ stepsDone: e.stepsDone + 1, lastStepId: t.stepId, lastStepAt: now, nextRunAt: null })
        .where(eq(enrollments.id, e.id));
      await scheduleNextStep(tx, { enrollmentId: e.id, now, actor: auth.userId });
    }
  });
  return enrollmentApi(db, auth.workspaceId, enrollmentId);
}
