import { Hono } from "hono";
import { z } from "zod";
import { idSchema, sequenceUpdateSchema, sequenceWriteSchema, stepWriteSchema } from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
import { requireWriter } from "../http/auth";
import { validate } from "../http/validate";
import {
  addStep,
  createSequence,
  deleteStep,
  getSequence,
  listSequences,
  sequenceToApi,
  updateSequence,
  updateStep,
} from "../repo/sequences";

const idParam = z.object({ id: idSchema });
const stepParam = z.object({ id: idSchema, stepId: idSchema });
const addStepBody = z.object({ step: stepWriteSchema, position: z.number().int().min(1).max(30).optional() }).strict();

/**
 * Sequences and their steps. Editing steps while enrollments run: edits apply to steps not yet sent (a queued send
 * is re-timed and renders the new content when it goes out), a deleted step's queued sends are cancelled and those
 * enrollments continue with the next live step, a step inserted before an enrollment's position is skipped by it,
 * and a sent step is never sent again.
 */
export const sequencesRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json({ items: await listSequences(c.var.db, c.var.auth) }, 200))
  .post("/", requireWriter, validate("json", sequenceWriteSchema), async (c) =>
    c.json(await createSequence(c.var.db, c.var.auth, c.req.valid("json")), 201),
  )
  .get("/:id", validate("param", idParam), async (c) => {
    const { row, steps } = await getSequence(c.var.db, c.var.auth, c.req.valid("param").id);
    return c.json(sequenceToApi(row, steps), 200);
  })
  .patch("/:id", requireWriter, validate("param", idParam), validate("json", sequenceUpdateSchema), async (c) =>
    c.json(await updateSequence(c.var.db, c.var.auth, c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .post("/:id/steps", requireWriter, validate("param", idParam), validate("json", addStepBody), async (c) => {
    const body = c.req.valid("json");
    return c.json(await addStep(c.var.db, c.var.auth, c.req.valid("param").id, body.step, body.position), 201);
  })
  .put("/:id/steps/:stepId", requireWriter, validate("param", stepParam), validate("json", stepWriteSchema), async (c) => {
    const p = c.req.valid("param");
    return c.json(await updateStep(c.var.db, c.var.auth, p.id, p.stepId, c.req.valid("json")), 200);
  })
  .delete("/:id/steps/:stepId", requireWriter, validate("param", stepParam), async (c) => {
    const p = c.req.valid("param");
    return c.json(await deleteStep(c.var.db, c.var.auth, p.id, p.stepId), 200);
  });
