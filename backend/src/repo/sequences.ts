import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import { z } from "zod";
import {
  sequenceSettingsSchema,
  type StepWrite,
  type sequenceUpdateSchema,
  type sequenceWriteSchema,
} from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { sequences, sequenceSteps, templates } from "../db/schema";
import { ApiError, notFound } from "../http/api-error";
import type { Auth } from "../http/auth";
import { replanSequence } from "../scheduler/schedule-next-step";
import type { DbOrTx } from "./suppressions";

export type SequenceRow = typeof sequences.$inferSelect;
export type StepRow = typeof sequenceSteps.$inferSelect;
type SequenceWrite = z.infer<typeof sequenceWriteSchema>;
type SequenceUpdate = z.infer<typeof sequenceUpdateSchema>;

const iso = (ms: number) => new Date(ms).toISOString();

export function sequenceToApi(row: SequenceRow, steps: StepRow[]) {
  return {
    id: row.id,
    name: row.name,
    ownerId: row.ownerId,
    visibility: row.visibility,
    timeZone: row.timeZone,
    dailyCap: row.dailyCap,
    settings: sequenceSettingsSchema.parse(row.settings ?? {}),
    archived: row.archived,
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
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
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
  return rows.map((r) =>
    sequenceToApi(
      r,
      steps.filter((s) => s.sequenceId === r.id),
    ),
  );
}

async function assertTemplates(tx: DbOrTx, workspaceId: string, steps: StepWrite[]) {
  const ids = new Set<string>();
  for (const s of steps) {
    if (s.kind !== "email") continue;
    if (s.config.templateId) ids.add(s.config.templateId);
    for (const v of s.config.variants ?? []) if (v.templateId) ids.add(v.templateId);
    if (!s.config.templateId && !s.config.variants?.length && s.config.bodyHtml === undefined) {
      throw new ApiError("bad_request", "An email step needs templateId, bodyHtml (+ subject) or variants.", {
        fields: [{ path: "steps.config", message: "no content" }],
      });
    }
    // A follow-up in the same thread takes the thread's subject ("Re: …"); a new thread needs its own.
    if (!s.config.templateId && !s.config.variants?.length && !s.config.subject && s.config.threadMode === "new_thread") {
      throw new ApiError("bad_request", "An email step that starts a new thread needs a subject.", {
        fields: [{ path: "steps.config.subject", message: "required for new_thread" }],
      });
    }
  }
  if (!ids.size) return;
  const found = await tx
    .select({ id: templates.id })
    .from(templates)
    .where(and(eq(templates.workspaceId, workspaceId), inArray(templates.id, [...ids])));
  const missing = [...ids].filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new ApiError("bad_request", `Unknown template(s) in this workspace: ${missing.join(", ")}.`);
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
    await assertTemplates(tx, auth.workspaceId, steps);
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
      settings: sequenceSettingsSchema.parse(data.settings ?? {}),
      createdAt: now,
      updatedAt: now,
    });
    if (steps.length)
      await tx.insert(sequenceSteps).values(steps.map((s, i) => stepValues(auth.workspaceId, id, s, (i + 1) * 10)));
    const got = await getSequence(tx, auth, id);
    return sequenceToApi(got.row, got.steps);
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
    await tx
      .update(sequences)
      .set({ ...data, updatedAt: Date.now() })
      .where(and(eq(sequences.workspaceId, auth.workspaceId), eq(sequences.id, id)));
    // Window, zone or holidays changed: queued sends are re-planned.
    if (data.settings || data.timeZone)
      await replanSequence(tx, { workspaceId: auth.workspaceId, sequenceId: id, now: Date.now() });
    const got = await getSequence(tx, auth, id);
    return sequenceToApi(got.row, got.steps);
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
    await assertTemplates(tx, auth.workspaceId, [step]);
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
    const got = await getSequence(tx, auth, sequenceId);
    return sequenceToApi(got.row, got.steps);
  });
}

export async function updateStep(db: Db, auth: Auth, sequenceId: string, stepId: string, step: StepWrite) {
  return db.transaction(async (tx) => {
    const { row, steps } = await getSequence(tx, auth, sequenceId);
    assertCanEdit(auth, row);
    const existing = steps.find((s) => s.id === stepId && s.deletedAt === null);
    if (!existing) throw notFound(`Step ${stepId}`);
    await assertTemplates(tx, auth.workspaceId, [step]);
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
    const got = await getSequence(tx, auth, sequenceId);
    return sequenceToApi(got.row, got.steps);
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
    const got = await getSequence(tx, auth, sequenceId);
    return sequenceToApi(got.row, got.steps);
  });
}
