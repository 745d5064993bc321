// "What happens if I save this?" for an active sequence: the real save (applySequencePut, so the engine's own
// rules decide) runs in a transaction that is rolled back; the enrollments in flight are compared before/after.
import { and, eq, inArray, TransactionRollbackError } from "drizzle-orm";
import type { SequenceEditPreview, SequencePut } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { enrollments, sendJobs } from "../db/schema";
import type { Auth } from "../http/auth";
import { applySequencePut, getSequence, type StepRow } from "./sequences";
import type { DbOrTx } from "./suppressions";

interface InFlight {
  id: string;
  state: string;
  lastStepId: string | null;
  queued: { stepId: string; runAt: number } | null;
}

async function inFlight(tx: DbOrTx, workspaceId: string, sequenceId: string): Promise<Map<string, InFlight>> {
  const rows = await tx
    .select({ id: enrollments.id, state: enrollments.state, lastStepId: enrollments.lastStepId })
    .from(enrollments)
    .where(
      and(
        eq(enrollments.workspaceId, workspaceId),
        eq(enrollments.sequenceId, sequenceId),
        inArray(enrollments.state, ["active", "paused"]),
      ),
    );
  const out = new Map<string, InFlight>(rows.map((r) => [r.id, { ...r, queued: null }]));
  if (!rows.length) return out;
  const jobs = await tx
    .select({ enrollmentId: sendJobs.enrollmentId, stepId: sendJobs.stepId, runAt: sendJobs.runAt })
    .from(sendJobs)
    .where(and(eq(sendJobs.workspaceId, workspaceId), eq(sendJobs.sequenceId, sequenceId), eq(sendJobs.status, "queued")));
  for (const j of jobs) {
    const e = out.get(j.enrollmentId);
    if (e) e.queued = { stepId: j.stepId, runAt: j.runAt };
  }
  return out;
}

/** Compares the enrollments and steps before and after a save (pure). */
export function summariseSequenceEdit(input: {
  before: Map<string, InFlight>;
  after: Map<string, InFlight>;
  stepsBefore: StepRow[];
  stepsAfter: StepRow[];
  finishedIds: Set<string>;
}): SequenceEditPreview {
  const { before, after, stepsBefore, stepsAfter } = input;
  const liveBefore = new Map(stepsBefore.filter((s) => s.deletedAt === null).map((s) => [s.id, s]));
  const afterById = new Map(stepsAfter.map((s) => [s.id, s]));
  const added = stepsAfter.filter((s) => !stepsBefore.some((b) => b.id === s.id));
  const deleted = [...liveBefore.keys()].filter((id) => afterById.get(id)?.deletedAt !== null);
  const changed = stepsAfter.filter((s) => {
    const b = liveBefore.get(s.id);
    return (
      b &&
      s.deletedAt === null &&
      (b.delayAmount !== s.delayAmount ||
        b.delayUnit !== s.delayUnit ||
        b.kind !== s.kind ||
        JSON.stringify(b.config) !== JSON.stringify(s.config))
    );
  });
  const n = { retimed: 0, cancelled: 0, movedToOtherStep: 0, skipInserted: 0, finishing: 0, unchanged: 0 };
  for (const [id, b] of before) {
    const a = after.get(id);
    const last = b.lastStepId ? afterById.get(b.lastStepId) : undefined;
    const skips = last ? added.some((s) => s.position < last.position) : false;
    if (skips) n.skipInserted++;
    if (input.finishedIds.has(id)) n.finishing++;
    else if (b.queued && afterById.get(b.queued.stepId)?.deletedAt !== null) n.cancelled++;
    else if (b.queued && a?.queued && a.queued.stepId !== b.queued.stepId) n.movedToOtherStep++;
    else if (b.queued && a?.queued && a.queued.runAt !== b.queued.runAt) n.retimed++;
    else if (!skips) n.unchanged++;
  }
  const lines: string[] = [];
  const plural = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  if (n.retimed) lines.push(`${plural(n.retimed, "queued send is", "queued sends are")} re-timed to the new wait or window.`);
  if (n.cancelled)
    lines.push(
      `${plural(n.cancelled, "queued send is", "queued sends are")} cancelled (deleted step); those enrollments continue with the next step.`,
    );
  if (n.movedToOtherStep)
    lines.push(
      `${plural(n.movedToOtherStep, "enrollment moves", "enrollments move")} to a different next step (steps reordered or inserted).`,
    );
  if (n.skipInserted)
    lines.push(`${plural(n.skipInserted, "enrollment is", "enrollments are")} already past an inserted step and will skip it.`);
  if (n.finishing)
    lines.push(`${plural(n.finishing, "enrollment finishes", "enrollments finish")}: no step left after where they are.`);
  if (!lines.length) lines.push(before.size ? "No enrollment in flight is affected." : "Nobody is enrolled yet.");
  return {
    inFlight: before.size,
    ...n,
    steps: { added: added.length, deleted: deleted.length, changed: changed.length },
    lines,
  };
}

export async function previewSequenceEdit(db: Db, auth: Auth, id: string, data: SequencePut): Promise<SequenceEditPreview> {
  let result: SequenceEditPreview | null = null;
  try {
    await db.transaction(async (tx) => {
      const now = Date.now();
      const stepsBefore = (await getSequence(tx, auth, id)).steps;
      const before = await inFlight(tx, auth.workspaceId, id);
      await applySequencePut(tx, auth, id, data, now);
      const stepsAfter = (await getSequence(tx, auth, id)).steps;
      const after = await inFlight(tx, auth.workspaceId, id);
      const finishedIds = new Set([...before.keys()].filter((e) => !after.has(e)));
      result = summariseSequenceEdit({ before, after, stepsBefore, stepsAfter, finishedIds });
      tx.rollback();
    });
  } catch (err) {
    if (!(err instanceof TransactionRollbackError)) throw err;
  }
  return result!;
}
