import { Hono } from "hono";
import { z } from "zod";
import {
  idSchema,
  sequenceEditPreviewSchema,
  sequencePutSchema,
  sequenceSchema,
  sequenceUpdateSchema,
  sequenceWriteSchema,
  stepWriteSchema,
  type StepWrite,
} from "@threadline/shared/schemas";
import { withSanitizedStep } from "../security/sanitize-template-html";
import type { AppEnv } from "../http/app-env";
import type { RouteSpec } from "../openapi/route-spec";
import { requireWriter } from "../http/auth";
import { validate } from "../http/validate";
import {
  addStep,
  createSequence,
  deleteStep,
  getSequence,
  listSequences,
  putSequence,
  sequenceStats,
  sequenceToApi,
  setSequenceStatus,
  updateSequence,
  updateStep,
} from "../repo/sequences";
import { previewSequenceEdit } from "../repo/sequence-edit-preview";

const idParam = z.object({ id: idSchema });
const stepParam = z.object({ id: idSchema, stepId: idSchema });
const addStepBody = z.object({ step: stepWriteSchema, position: z.number().int().min(1).max(30).optional() }).strict();

/**
 * Sequences and their steps. Editing steps while enrollments run: edits apply to steps not yet sent (a queued send
 * is re-timed and renders the new content when it goes out), a deleted step's queued sends are cancelled and those
 * enrollments continue with the next live step, a step inserted before an enrollment's position is skipped by it,
 * and a sent step is never sent again.
 */
/** A sequence being created or saved, with the HTML of its email steps sanitised. */
const withSanitizedSteps = async <T extends { steps?: StepWrite[] | undefined }>(data: T): Promise<T> =>
  data.steps ? { ...data, steps: await Promise.all(data.steps.map(withSanitizedStep)) } : data;

export const sequencesRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json({ items: await listSequences(c.var.db, c.var.auth) }, 200))
  .post("/", requireWriter, validate("json", sequenceWriteSchema), async (c) =>
    c.json(await createSequence(c.var.db, c.var.auth, await withSanitizedSteps(c.req.valid("json"))), 201),
  )
  .get("/:id", validate("param", idParam), async (c) => {
    const { row, steps } = await getSequence(c.var.db, c.var.auth, c.req.valid("param").id);
    const stats = await sequenceStats(c.var.db, c.var.auth.workspaceId, [row.id]);
    return c.json(sequenceToApi(row, steps, stats.get(row.id)), 200);
  })
  .put("/:id", requireWriter, validate("param", idParam), validate("json", sequencePutSchema), async (c) =>
    c.json(await putSequence(c.var.db, c.var.auth, c.req.valid("param").id, await withSanitizedSteps(c.req.valid("json"))), 200),
  )
  // Changes nothing: the save runs in a transaction that is rolled back.
  .post("/:id/edit-preview", requireWriter, validate("param", idParam), validate("json", sequencePutSchema), async (c) =>
    c.json(
      await previewSequenceEdit(c.var.db, c.var.auth, c.req.valid("param").id, await withSanitizedSteps(c.req.valid("json"))),
      200,
    ),
  )
  .post("/:id/activate", requireWriter, validate("param", idParam), async (c) =>
    c.json(await setSequenceStatus(c.var.db, c.var.auth, c.req.valid("param").id, "active"), 200),
  )
  .post("/:id/pause", requireWriter, validate("param", idParam), async (c) =>
    c.json(await setSequenceStatus(c.var.db, c.var.auth, c.req.valid("param").id, "paused"), 200),
  )
  .post("/:id/archive", requireWriter, validate("param", idParam), async (c) =>
    c.json(await setSequenceStatus(c.var.db, c.var.auth, c.req.valid("param").id, "archived"), 200),
  )
  .patch("/:id", requireWriter, validate("param", idParam), validate("json", sequenceUpdateSchema), async (c) =>
    c.json(await updateSequence(c.var.db, c.var.auth, c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .post("/:id/steps", requireWriter, validate("param", idParam), validate("json", addStepBody), async (c) => {
    const body = c.req.valid("json");
    const step = await withSanitizedStep(body.step);
    return c.json(await addStep(c.var.db, c.var.auth, c.req.valid("param").id, step, body.position), 201);
  })
  .put("/:id/steps/:stepId", requireWriter, validate("param", stepParam), validate("json", stepWriteSchema), async (c) => {
    const p = c.req.valid("param");
    return c.json(await updateStep(c.var.db, c.var.auth, p.id, p.stepId, await withSanitizedStep(c.req.valid("json"))), 200);
  })
  .delete("/:id/steps/:stepId", requireWriter, validate("param", stepParam), async (c) => {
    const p = c.req.valid("param");
    return c.json(await deleteStep(c.var.db, c.var.auth, p.id, p.stepId), 200);
  });

const EDIT_NOTE =
  " In-flight enrollments: edits apply to steps not yet sent (a queued send is re-timed and renders the new content when it goes out; a deleted step's queued send is cancelled and the enrollment continues with the next live step; a step inserted before an enrollment's position is skipped by it). A sent step is never sent again; a send already in progress is not affected.";
const sequenceList = z.object({ items: z.array(sequenceSchema) });

export const sequencesSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/sequences",
    summary: "Sequences you can see (shared, and your private ones), with enrollment counts and reply rate",
    responses: { 200: sequenceList },
  },
  {
    method: "post",
    path: "/sequences",
    summary:
      "Create a sequence (window in the recipient's zone, caps, tracking, UTM and unsubscribe switches, stop and hand-off rules, steps); status draft or active (default)",
    role: "rep",
    body: sequenceWriteSchema,
    responses: { 201: sequenceSchema },
    errors: [403],
  },
  {
    method: "get",
    path: "/sequences/{id}",
    summary: "One sequence with its live steps",
    params: idParam,
    responses: { 200: sequenceSchema },
    errors: [404],
  },
  {
    method: "put",
    path: "/sequences/{id}",
    summary:
      "Save the whole sequence (the builder): fields, settings and steps in order; a step with an id is kept, one without is new, a missing one is deleted." +
      EDIT_NOTE,
    role: "rep",
    params: idParam,
    body: sequencePutSchema,
    responses: { 200: sequenceSchema },
    errors: [403, 404],
  },
  {
    method: "post",
    path: "/sequences/{id}/edit-preview",
    summary:
      "What saving this body (as PUT) would do to enrollments in flight, with counts; changes nothing (the save is rolled back)",
    role: "rep",
    params: idParam,
    body: sequencePutSchema,
    responses: { 200: sequenceEditPreviewSchema },
    errors: [403, 404],
  },
  {
    method: "post",
    path: "/sequences/{id}/activate",
    summary: "Activate a draft, paused or archived sequence (needs a step); a paused one's queued sends are re-planned",
    role: "rep",
    params: idParam,
    responses: { 200: sequenceSchema },
    errors: [403, 404],
  },
  {
    method: "post",
    path: "/sequences/{id}/pause",
    summary: "Pause an active sequence: its queued sends are held (nothing is sent) until it is activated again",
    role: "rep",
    params: idParam,
    responses: { 200: sequenceSchema },
    errors: [403, 404],
  },
  {
    method: "post",
    path: "/sequences/{id}/archive",
    summary: "Archive a sequence: nobody new can be enrolled; enrollments in flight finish",
    role: "rep",
    params: idParam,
    responses: { 200: sequenceSchema },
    errors: [403, 404],
  },
  {
    method: "patch",
    path: "/sequences/{id}",
    summary: "Update name, zone, cap, settings or archive; queued sends are re-planned." + EDIT_NOTE,
    role: "rep",
    params: idParam,
    body: sequenceUpdateSchema,
    responses: { 200: sequenceSchema },
    errors: [403, 404],
  },
  {
    method: "post",
    path: "/sequences/{id}/steps",
    summary: "Add a step (at `position`, default last)." + EDIT_NOTE,
    role: "rep",
    params: idParam,
    body: addStepBody,
    responses: { 201: sequenceSchema },
    errors: [403, 404],
  },
  {
    method: "put",
    path: "/sequences/{id}/steps/{stepId}",
    summary: "Replace a step's kind, delay and content." + EDIT_NOTE,
    role: "rep",
    params: stepParam,
    body: stepWriteSchema,
    responses: { 200: sequenceSchema },
    errors: [403, 404],
  },
  {
    method: "delete",
    path: "/sequences/{id}/steps/{stepId}",
    summary: "Delete a step (kept for history)." + EDIT_NOTE,
    role: "rep",
    params: stepParam,
    responses: { 200: sequenceSchema },
    errors: [403, 404],
  },
];
