import { Hono } from "hono";
import { z } from "zod";
import { enrollmentListQuerySchema, enrollRequestSchema, idSchema } from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
import { requireWriter } from "../http/auth";
import { validate } from "../http/validate";
import {
  completeSequenceTask,
  enrollmentApi,
  enroll,
  listEnrollments,
  pauseEnrollment,
  resumeEnrollment,
  stopEnrollment,
} from "../repo/enrollments";

const idParam = z.object({ id: idSchema });
const reasonBody = z.object({ reason: z.string().trim().max(500).optional() }).strict();
const taskParam = z.object({ id: idSchema, taskId: idSchema });
const taskBody = z.object({ status: z.enum(["done", "skipped"]) }).strict();

export const enrollmentsRoutes = new Hono<AppEnv>()
  .get("/", validate("query", enrollmentListQuerySchema), async (c) =>
    c.json({ items: await listEnrollments(c.var.db, c.var.auth.workspaceId, c.req.valid("query")) }, 200),
  )
  .post("/", requireWriter, validate("json", enrollRequestSchema), async (c) =>
    c.json({ items: await enroll(c.var.db, c.var.auth, c.req.valid("json")) }, 201),
  )
  .get("/:id", validate("param", idParam), async (c) =>
    c.json(await enrollmentApi(c.var.db, c.var.auth.workspaceId, c.req.valid("param").id), 200),
  )
  .post("/:id/pause", requireWriter, validate("param", idParam), validate("json", reasonBody), async (c) =>
    c.json(await pauseEnrollment(c.var.db, c.var.auth, c.req.valid("param").id, c.req.valid("json").reason ?? null), 200),
  )
  .post("/:id/resume", requireWriter, validate("param", idParam), async (c) =>
    c.json(await resumeEnrollment(c.var.db, c.var.auth, c.req.valid("param").id), 200),
  )
  .post("/:id/stop", requireWriter, validate("param", idParam), validate("json", reasonBody), async (c) =>
    c.json(await stopEnrollment(c.var.db, c.var.auth, c.req.valid("param").id, c.req.valid("json").reason ?? null), 200),
  )
  .post("/:id/tasks/:taskId/complete", requireWriter, validate("param", taskParam), validate("json", taskBody), async (c) => {
    const p = c.req.valid("param");
    return c.json(await completeSequenceTask(c.var.db, c.var.auth, p.id, p.taskId, c.req.valid("json").status), 200);
  });
