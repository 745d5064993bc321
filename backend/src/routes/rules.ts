import { Hono } from "hono";
import { z } from "zod";
import { idSchema, ruleSchema, ruleTriggerSchema, ruleUpdateSchema, ruleWriteSchema } from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
import type { RouteSpec } from "../openapi/route-spec";
import { requireRole } from "../http/auth";
import { validate } from "../http/validate";
import { createRule, deleteRule, getRule, listRules, ruleToApi, updateRule } from "../repo/rules";

const idParam = z.object({ id: idSchema });
const listQuery = z.object({ trigger: ruleTriggerSchema.optional() }).strict();
const requireAdmin = requireRole("admin");

/** Workspace rules (auto-tag, stage, owner). Everyone reads; admins write. */
export const rulesRoutes = new Hono<AppEnv>()
  .get("/", validate("query", listQuery), async (c) => {
    const rows = await listRules(c.var.db, c.var.auth.workspaceId, c.req.valid("query").trigger);
    return c.json({ items: rows.map(ruleToApi) }, 200);
  })
  .post("/", requireAdmin, validate("json", ruleWriteSchema), async (c) => {
    const row = await createRule(c.var.db, c.var.auth.workspaceId, c.req.valid("json"));
    return c.json(ruleToApi(row), 201);
  })
  .get("/:id", validate("param", idParam), async (c) => {
    const row = await getRule(c.var.db, c.var.auth.workspaceId, c.req.valid("param").id);
    return c.json(ruleToApi(row), 200);
  })
  .patch("/:id", requireAdmin, validate("param", idParam), validate("json", ruleUpdateSchema), async (c) => {
    const row = await updateRule(c.var.db, c.var.auth.workspaceId, c.req.valid("param").id, c.req.valid("json"));
    return c.json(ruleToApi(row), 200);
  })
  .delete("/:id", requireAdmin, validate("param", idParam), async (c) => {
    await deleteRule(c.var.db, c.var.auth.workspaceId, c.req.valid("param").id);
    return c.json({ deleted: true }, 200);
  });

export const rulesSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/rules",
    summary: "List the workspace's rules (by position)",
    query: listQuery,
    responses: { 200: z.object({ items: z.array(ruleSchema) }) },
  },
  {
    method: "post",
    path: "/rules",
    summary: "Create a rule: conditions (sender domain, country, keywords, language) and actions (tags, stage, owner)",
    role: "admin",
    body: ruleWriteSchema,
    responses: { 201: ruleSchema },
    errors: [403],
  },
  { method: "get", path: "/rules/{id}", summary: "Get a rule", params: idParam, responses: { 200: ruleSchema }, errors: [404] },
  {
    method: "patch",
    path: "/rules/{id}",
    summary: "Update a rule (partial)",
    role: "admin",
    params: idParam,
    body: ruleUpdateSchema,
    responses: { 200: ruleSchema },
    errors: [403, 404],
  },
  {
    method: "delete",
    path: "/rules/{id}",
    summary: "Delete a rule",
    role: "admin",
    params: idParam,
    responses: { 200: z.object({ deleted: z.boolean() }) },
    errors: [403, 404],
  },
];
