import { Hono } from "hono";
import {
  idParamSchema,
  taskCreateSchema,
  taskListQuerySchema,
  taskSchema,
  taskSnoozeSchema,
  taskUpdateSchema,
} from "@threadline/shared/schemas";
import { z } from "zod";
import type { AppEnv } from "../http/app-env";
import { requireWriter } from "../http/auth";
import { validate } from "../http/validate";
import type { RouteSpec } from "../openapi/route-spec";
import { completeTask, createTask, getTask, listTasks, snoozeTask, taskToApi, updateTask } from "../repo/tasks";

const taskListSchema = z.object({ items: z.array(taskSchema) });

export const tasksRoutes = new Hono<AppEnv>()
  .get("/", validate("query", taskListQuerySchema), async (c) => {
    const rows = await listTasks(c.var.db, c.var.auth, c.req.valid("query"));
    return c.json({ items: rows.map((r) => taskToApi(r)) }, 200);
  })
  .post("/", requireWriter, validate("json", taskCreateSchema), async (c) => {
    return c.json(taskToApi(await createTask(c.var.db, c.var.auth, c.req.valid("json"))), 201);
  })
  .get("/:id", validate("param", idParamSchema), async (c) => {
    return c.json(taskToApi(await getTask(c.var.db, c.var.auth.workspaceId, c.req.valid("param").id)), 200);
  })
  .patch("/:id", requireWriter, validate("param", idParamSchema), validate("json", taskUpdateSchema), async (c) => {
    return c.json(taskToApi(await updateTask(c.var.db, c.var.auth, c.req.valid("param").id, c.req.valid("json"))), 200);
  })
  .post("/:id/complete", requireWriter, validate("param", idParamSchema), async (c) => {
    return c.json(taskToApi(await completeTask(c.var.db, c.var.auth, c.req.valid("param").id)), 200);
  })
  .post("/:id/snooze", requireWriter, validate("param", idParamSchema), validate("json", taskSnoozeSchema), async (c) => {
    const row = await snoozeTask(c.var.db, c.var.auth, c.req.valid("param").id, c.req.valid("json").until);
    return c.json(taskToApi(row), 200);
  });

export const tasksSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/tasks",
    summary: "Tasks (default: mine, open), overdue first, then by due date",
    query: taskListQuerySchema,
    responses: { 200: taskListSchema },
  },
  {
    method: "post",
    path: "/tasks",
    summary: "Create a task",
    role: "rep",
    body: taskCreateSchema,
    responses: { 201: taskSchema },
    errors: [403, 404],
  },
  {
    method: "get",
    path: "/tasks/{id}",
    summary: "One task",
    params: idParamSchema,
    responses: { 200: taskSchema },
    errors: [404],
  },
  {
    method: "patch",
    path: "/tasks/{id}",
    summary: "Change title, note, due date (clears a snooze) or owner",
    role: "rep",
    params: idParamSchema,
    body: taskUpdateSchema,
    responses: { 200: taskSchema },
    errors: [403, 404],
  },
  {
    method: "post",
    path: "/tasks/{id}/complete",
    summary: "Mark done (idempotent; writes task_completed on the contact's timeline)",
    role: "rep",
    params: idParamSchema,
    responses: { 200: taskSchema },
    errors: [403, 404, 409],
  },
  {
    method: "post",
    path: "/tasks/{id}/snooze",
    summary: "Hide until a later time: the task counts as due then",
    role: "rep",
    params: idParamSchema,
    body: taskSnoozeSchema,
    responses: { 200: taskSchema },
    errors: [403, 404, 409],
  },
];
