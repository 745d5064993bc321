import { Hono } from "hono";
import { z } from "zod";
import { enrollmentListQuerySchema, enrollRequestSchema, idSchema, enrollmentSchema } from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
import type { RouteSpec } from "../openapi/route-spec";
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

const enrollmentList = z.object({ items: z.array(enrollmentSchema) });

export const enrollmentsSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/enrollments",
    summary: "Enrollments per contact and/or sequence (and state), newest first",
    query: enrollmentListQuerySchema,
    responses: { 200: enrollmentList },
  },
  {
    method: "post",
    path: "/enrollments",
    summary:
      "Enrol one or many contacts (all or none), optionally continuing a Gmail/Outlook thread. 400 names every suppressed, already-enrolled or unknown contact and every template variable without a value; 409 warns when a teammate runs a sequence at the same company (send override: true)",
    role: "rep",
    body: enrollRequestSchema,
    responses: { 201: enrollmentList },
    errors: [403, 404, 409],
  },
  {
    method: "get",
    path: "/enrollments/{id}",
    summary: "One enrollment: state, reason, step n of m, next run",
    params: idParam,
    responses: { 200: enrollmentSchema },
    errors: [404],
  },
  {
    method: "post",
    path: "/enrollments/{id}/pause",
    summary: "Pause (queued sends are cancelled until resumed)",
    role: "rep",
    params: idParam,
    body: reasonBody,
    responses: { 200: enrollmentSchema },
    errors: [403, 404, 409],
  },
  {
    method: "post",
    path: "/enrollments/{id}/resume",
    summary:
      "Resume a paused enrollment: the next step is planned again from now; a step whose delivery is unknown is never resent",
    role: "rep",
    params: idParam,
    responses: { 200: enrollmentSchema },
    errors: [403, 404, 409],
  },
  {
    method: "post",
    path: "/enrollments/{id}/stop",
    summary: "Stop for good (queued sends cancelled, open sequence tasks skipped)",
    role: "rep",
    params: idParam,
    body: reasonBody,
    responses: { 200: enrollmentSchema },
    errors: [403, 404, 409],
  },
  {
    method: "post",
    path: "/enrollments/{id}/tasks/{taskId}/complete",
    summary: "Mark a sequence task done or skipped; the enrollment moves on to its next step",
    role: "rep",
    params: taskParam,
    body: taskBody,
    responses: { 200: enrollmentSchema },
    errors: [403, 404, 409],
  },
];
