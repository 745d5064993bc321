import { and, asc, count, eq, inArray, isNull, or } from "drizzle-orm";
import { z } from "zod";
import {
  readSequenceSettings,
  sequenceSettingsSchema,
  type SequencePut,
  type SequenceStats,
  type SequenceStatus,
  type StepWrite,
  type sequenceUpdateSchema,
  type sequenceWriteSchema,
} from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { enrollments, sequences, sequenceSteps, templates, users } from "../db/schema";
import { ApiError, notFound } from "../http/api-error";
import type { Auth } from "../http/auth";
import { planStepPositions } from "../scheduler/plan-step-positions";
import { replanSequence } from "../scheduler/schedule-next-step";
import type { DbOrTx } from "./suppressions";

export type SequenceRow = typeof sequences.$inferSelect;
export type StepRow = typeof sequenceSteps.$inferSelect;
type SequenceWrite = z.infer<typeof sequenceWriteSchema>;
type SequenceUpdate = z.infer<typeof sequenceUpdateSchema>;

const iso = (ms: number) => new Date(ms).toISOString();
const noStats = (): SequenceStats => ({
  enrolled: 0,
  active: 0,
  paused: 0,
  finished: 0,
  replied: 0,
  bounced: 0,
  unsubscribed: 0,
  stopped: 0,
  replyRate: 0,
});

/** The API shape of a stored sequence; never throws on an old or odd row (settings are read leniently). */
export function sequenceToApi(row: SequenceRow, steps: StepRow[], stats: SequenceStats = noStats()) {
  return {
    id: row.id,
    name: row.name,
    ownerId: row.ownerId,
    visibility: row.visibility,
    timeZone: row.timeZone,
    dailyCap: row.dailyCap,
    status: row.status,
    archived: row.status === "archived",
    settings: readSequenceSettings(row.settings),
    steps: steps
      .filter((s) => s.deletedAt === null)
      .sort((a, b) => a.position - b.position)
      .map((s, i) => ({
        id: s.id,
        position: i + 1,
        kind: s.kind,
        delayAmount: s.delayAmount,
        delayUnit: s.delayUnit,
        config: s.config,
      })),
    stats,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** Enrollment counts per sequence, by state. */
export async function sequenceStats(db: DbOrTx, workspaceId: string, ids: string[]): Promise<Map<string, SequenceStats>> {
  const out = new Map<string, SequenceStats>();
  if (!ids.length) return out;
  const rows = await db
    .select({ sequenceId: enrollments.sequenceId, state: enrollments.state, n: count() })
    .from(enrollments)
    .where(and(eq(enrollments.workspaceId, workspaceId), inArray(enrollments.sequenceId, ids)))
    .groupBy(enrollments.sequenceId, enrollments.state);
  for (const r of rows) {
    const s = out.get(r.sequenceId) ?? noStats();
    s.enrolled += r.n;
    const key = r.state === "failed" ? "stopped" : r.state;
    s[key] += r.n;
    out.set(r.sequenceId, s);
  }
  for (const s of out.values()) s.replyRate = s.enrolled ? s.replied / s.enrolled : 0;
  return out;
}

async function toApi(db: DbOrTx, auth: Pick<Auth, "workspaceId" | "userId">, id: string) {
  const got = await getSequence(db, auth, id);
  const stats = await sequenceStats(db, auth.workspaceId, [id]);
  return sequenceToApi(got.row, got.steps, stats.get(id));
}

/** A sequence the caller may see: shared ones, and private ones they own. */
export async function getSequence(db: DbOrTx, auth: Pick<Auth, "workspaceId" | "userId">, id: string) {
  const row = (
    await db
      .select()
      .from(sequences)
      .where(
        and(
          eq(sequences.workspaceId, auth.workspaceId),
          eq(sequences.id, id),
          or(eq(sequences.visibility, "shared"), eq(sequences.ownerId, auth.userId)),
        ),
      )
      .limit(1)
  )[0];
  if (!row) throw notFound(`Sequence ${id}`);
  const steps = await db
    .select()
    .from(sequenceSteps)
    .where(eq(sequenceSteps.sequenceId, id))
    .orderBy(asc(sequenceSteps.position));
  return { row, steps };
}

export async function listSequences(db: Db, auth: Pick<Auth, "workspaceId" | "userId">) {
  const rows = await db
    .select()
    .from(sequences)
    .where(
      and(
        eq(sequences.workspaceId, auth.workspaceId),
        or(eq(sequences.visibility, "shared"), eq(sequences.ownerId, auth.userId)),
      ),
    )
    .orderBy(asc(sequences.name));
  if (!rows.length) return [];
  const steps = await db
    .select()
    .from(sequenceSteps)
    .where(
      and(
        inArray(
          sequenceSteps.sequenceId,
          rows.map((r) => r.id),
        ),
        isNull(sequenceSteps.deletedAt),
      ),
    );
  const stats = await sequenceStats(
    db,
    auth.workspaceId,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    sequenceToApi(
      r,
      steps.filter((s) => s.sequenceId === r.id),
      stats.get(r.id),
    ),
  );
}

/** What the schema cannot check: templates and assignees exist in this workspace; a new thread has a subject. */
async function assertStepRefs(tx: DbOrTx, workspaceId: string, steps: StepWrite[], pathOf = (i: number) => `steps.${i}`) {
  const ids = new Set<string>();
  const assignees = new Map<string, number>();
  steps.forEach((s, i) => {
    if (s.kind === "task") {
      if (s.config.assigneeId) assignees.set(s.config.assigneeId, i);
      return;
    }
    if (s.config.templateId) ids.add(s.config.templateId);
    for (const v of s.config.variants ?? []) if (v.templateId) ids.add(v.templateId);
    // A follow-up in the same thread takes the thread's subject ("Re: …"); a new thread needs its own.
    if (!s.config.templateId && !s.config.subject && s.config.threadMode === "new_thread" && !s.config.variants?.length) {
      throw new ApiError("bad_request", "An email step that starts a new thread needs a subject.", {
        fields: [{ path: `${pathOf(i)}.config.subject`, message: "required for new_thread" }],
      });
    }
  });
  if (ids.size) {
    const found = await tx
      .select({ id: templates.id })
      .from(templates)
      .where(and(eq(templates.workspaceId, workspaceId), inArray(templates.id, [...ids])));
    const missing = [...ids].filter((id) => !found.some((f) => f.id === id));
    if (missing.length) throw new ApiError("bad_request", `Unknown template(s) in this workspace: ${missing.join(", ")}.`);
  }
  if (assignees.size) {
    const found = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, [...assignees.keys()]), eq(users.active, true)));
    for (const [id, i] of assignees) {
      if (!found.some((f) => f.id === id))
        throw new ApiError("bad_request", `Unknown or inactive assignee ${id}.`, {
          fields: [{ path: `${pathOf(i)}.config.assigneeId`, message: "no active user with this id in the workspace" }],
        });
    }
  }
}

const stepValues = (workspaceId: string, sequenceId: string, s: StepWrite, position: number) => ({
  id: newId("st"),
  workspaceId,
  sequenceId,
  position,
  kind: s.kind,
  delayAmount: s.delayAmount,
  delayUnit: s.delayUnit,
  config: s.config as Record<string, unknown>,
});

export async function createSequence(db: Db, auth: Auth, data: SequenceWrite) {
  return db.transaction(async (tx) => {
    const steps = data.steps ?? [];
    await assertStepRefs(tx, auth.workspaceId, steps);
    const id = newId("sq");
    const now = Date.now();
    await tx.insert(sequences).values({
      id,
      workspaceId: auth.workspaceId,
      ownerId: auth.userId,
      name: data.name,
      visibility: data.visibility,
      timeZone: data.timeZone,
      dailyCap: data.dailyCap,
      status: data.status,
      settings: sequenceSettingsSchema.parse(data.settings ?? {}),
      createdAt: now,
      updatedAt: now,
    });
    if (steps.length)
      await tx.insert(sequenceSteps).values(steps.map((s, i) => stepValues(auth.workspaceId, id, s, (i + 1) * 10)));
    return toApi(tx, auth, id);
  });
}

function assertCanEdit(auth: Auth, row: SequenceRow) {
  if (row.ownerId && row.ownerId !== auth.userId && auth.role === "rep") {
    throw new ApiError("forbidden", "Only the sequence's owner or an admin can change it.");
  }
}

export async function updateSequence(db: Db, auth: Auth, id: string, data: SequenceUpdate) {
  return db.transaction(async (tx) => {
    const { row } = await getSequence(tx, auth, id);
    assertCanEdit(auth, row);
    const { archived, ...fields } = data;
    const status: SequenceStatus | undefined =
      archived === true ? "archived" : archived === false && row.status === "archived" ? "paused" : undefined;
    await tx
      .update(sequences)
      .set({ ...fields, ...(status ? { status } : {}), updatedAt: Date.now() })
      .where(and(eq(sequences.workspaceId, auth.workspaceId), eq(sequences.id, id)));
    // Window, zone or holidays changed: queued sends are re-planned.
    if (data.settings || data.timeZone)
      await replanSequence(tx, { workspaceId: auth.workspaceId, sequenceId: id, now: Date.now() });
    return toApi(tx, auth, id);
  });
}

/**
 * Step edits while enrollments run. Edits apply to steps not yet sent: a queued send is re-timed (new delay) and
 * renders the new content when it goes out; a deleted step's queued sends are cancelled and those enrollments
 * move on to the next live step; a step inserted before an enrollment's current position is skipped by that
 * enrollment. A sent step is never sent again, and a send already in progress is not affected.
 */
export async function addStep(db: Db, auth: Auth, sequenceId: string, step: StepWrite, position?: number) {
  return db.transaction(async (tx) => {
    const { row, steps } = await getSequence(tx, auth, sequenceId);
    assertCanEdit(auth, row);
    await assertStepRefs(tx, auth.workspaceId, [step], () => "step");
    const live = steps.filter((s) => s.deletedAt === null).sort((a, b) => a.position - b.position);
    if (live.length >= 30) throw new ApiError("bad_request", "A sequence has at most 30 steps.");
    const index = Math.min(Math.max((position ?? live.length + 1) - 1, 0), live.length);
    // Positions are spaced by 10; renumber the live steps from the insertion point on (deleted ones keep theirs).
    const before = live[index - 1]?.position ?? 0;
    const after = live[index]?.position;
    let pos = after === undefined ? before + 10 : Math.floor((before + after) / 2);
    if (after !== undefined && (pos <= before || pos >= after)) {
      for (let i = index; i < live.length; i++) {
        await tx
          .update(sequenceSteps)
          .set({ position: live[i]!.position + 1000 })
          .where(eq(sequenceSteps.id, live[i]!.id));
      }
      pos = before + 500;
    }
    await tx.insert(sequenceSteps).values(stepValues(auth.workspaceId, sequenceId, step, pos));
    await tx.update(sequences).set({ updatedAt: Date.now() }).where(eq(sequences.id, sequenceId));
    await replanSequence(tx, { workspaceId: auth.workspaceId, sequenceId, now: Date.now() });
    return toApi(tx, auth, sequenceId);
  });
}

export async function updateStep(db: Db, auth: Auth, sequenceId: string, stepId: string, step: StepWrite) {
  return db.transaction(async (tx) => {
    const { row, steps } = await getSequence(tx, auth, sequenceId);
    assertCanEdit(auth, row);
    const existing = steps.find((s) => s.id === stepId && s.deletedAt === null);
    if (!existing) throw notFound(`Step ${stepId}`);
    await assertStepRefs(tx, auth.workspaceId, [step], () => "step");
    await tx
      .update(sequenceSteps)
      .set({
        kind: step.kind,
        delayAmount: step.delayAmount,
        delayUnit: step.delayUnit,
        config: step.config as Record<string, unknown>,
        updatedAt: Date.now(),
      })
      .where(and(eq(sequenceSteps.workspaceId, auth.workspaceId), eq(sequenceSteps.id, stepId)));
    await replanSequence(tx, { workspaceId: auth.workspaceId, sequenceId, now: Date.now() });
    return toApi(tx, auth, sequenceId);
  });
}

export async function deleteStep(db: Db, auth: Auth, sequenceId: string, stepId: string) {
  return db.transaction(async (tx) => {
    const { row, steps } = await getSequence(tx, auth, sequenceId);
    assertCanEdit(auth, row);
    if (!steps.some((s) => s.id === stepId && s.deletedAt === null)) throw notFound(`Step ${stepId}`);
    await tx
      .update(sequenceSteps)
      .set({ deletedAt: Date.now() })
      .where(and(eq(sequenceSteps.workspaceId, auth.workspaceId), eq(sequenceSteps.id, stepId)));
    await replanSequence(tx, { workspaceId: auth.workspaceId, sequenceId, now: Date.now() });
    return toApi(tx, auth, sequenceId);
  });
}

/**
 * Status changes. Activating needs at least one live step; a paused sequence's queued sends are held by the
 * dispatcher and re-planned when it is activated again (a send due while paused goes out in the next window,
 * not all at once). Archived: nobody new can be enrolled; enrollments in flight finish.
 */
export async function setSequenceStatus(db: Db, auth: Auth, id: string, status: "active" | "paused" | "archived") {
  return db.transaction(async (tx) => {
    const { row, steps } = await getSequence(tx, auth, id);
    assertCanEdit(auth, row);
    if (status === "active" && !steps.some((s) => s.deletedAt === null)) {
      throw new ApiError("bad_request", "A sequence needs at least one step before it can be activated.", {
        fields: [{ path: "steps", message: "no steps" }],
      });
    }
    if (status === "paused" && row.status !== "active") {
      throw new ApiError("bad_request", `Only an active sequence can be paused; this one is ${row.status}.`, {
        fields: [{ path: "status", message: `is ${row.status}` }],
      });
    }
    if (row.status !== status) {
      await tx
        .update(sequences)
        .set({ status, updatedAt: Date.now() })
        .where(and(eq(sequences.workspaceId, auth.workspaceId), eq(sequences.id, id)));
      if (status === "active" && row.status === "paused")
        await replanSequence(tx, { workspaceId: auth.workspaceId, sequenceId: id, now: Date.now() });
    }
    return toApi(tx, auth, id);
  });
}

/**
 * The builder's full save, inside the caller's transaction: fields and settings replaced, steps kept by id
 * (updated in place), new ones inserted, missing ones deleted (soft: kept for history), all renumbered in the
 * given order (planStepPositions), then queued sends re-planned by the engine's own rules (replanSequence).
 */
export async function applySequencePut(tx: DbOrTx, auth: Auth, id: string, data: SequencePut, now: number) {
  const { row, steps } = await getSequence(tx, auth, id);
  assertCanEdit(auth, row);
  const live = new Set(steps.filter((s) => s.deletedAt === null).map((s) => s.id));
  const seen = new Set<string>();
  data.steps.forEach((s, i) => {
    if (s.id === undefined) return;
    if (!live.has(s.id) || seen.has(s.id))
      throw new ApiError("bad_request", `Step ${s.id} is not a live step of this sequence (or is listed twice).`, {
        fields: [{ path: `steps.${i}.id`, message: "unknown or repeated step id" }],
      });
    seen.add(s.id);
  });
  await assertStepRefs(tx, auth.workspaceId, data.steps);
  await tx
    .update(sequences)
    .set({
      name: data.name,
      visibility: data.visibility,
      timeZone: data.timeZone,
      dailyCap: data.dailyCap,
      settings: data.settings,
      updatedAt: now,
    })
    .where(and(eq(sequences.workspaceId, auth.workspaceId), eq(sequences.id, id)));
  const ordered = [...steps].sort((a, b) => a.position - b.position || a.createdAt - b.createdAt);
  const plan = planStepPositions({
    current: ordered.map((s) => ({ id: s.id, deleted: s.deletedAt !== null })),
    next: data.steps.map((s) => s.id ?? null),
  });
  for (const [stepId, position] of plan.deleted) {
    const before = steps.find((s) => s.id === stepId)!;
    if (before.position !== position || before.deletedAt === null)
      await tx
        .update(sequenceSteps)
        .set({ position, deletedAt: before.deletedAt ?? now })
        .where(eq(sequenceSteps.id, stepId));
  }
  for (const [i, s] of data.steps.entries()) {
    const position = plan.next[i]!;
    if (s.id === undefined) {
      await tx.insert(sequenceSteps).values(stepValues(auth.workspaceId, id, s, position));
      continue;
    }
    await tx
      .update(sequenceSteps)
      .set({
        position,
        kind: s.kind,
        delayAmount: s.delayAmount,
        delayUnit: s.delayUnit,
        config: s.config as Record<string, unknown>,
        updatedAt: now,
      })
      .where(and(eq(sequenceSteps.workspaceId, auth.workspaceId), eq(sequenceSteps.id, s.id)));
  }
  await replanSequence(tx, { workspaceId: auth.workspaceId, sequenceId: id, now });
}

export async function putSequence(db: Db, auth: Auth, id: string, data: SequencePut) {
  return db.transaction(async (tx) => {
    await applySequencePut(tx, auth, id, data, Date.now());
    return toApi(tx, auth, id);
  });
}
