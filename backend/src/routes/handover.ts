import { Hono } from "hono";
import { handoverRequestSchema, handoverResultSchema } from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
import type { RouteSpec } from "../openapi/route-spec";
import { requireRole } from "../http/auth";
import { validate } from "../http/validate";
import { applyHandover, previewHandover } from "../repo/handover";

/** Rep handover (admin): POST /handover/preview shows the counts, POST /handover moves everything. */
export const handoverRoutes = new Hono<AppEnv>()
  .use("*", requireRole("admin"))
  .post("/preview", validate("json", handoverRequestSchema), async (c) => {
    return c.json(await previewHandover(c.var.db, c.var.auth.workspaceId, c.req.valid("json")), 200);
  })
  .post("/", validate("json", handoverRequestSchema), async (c) => {
    const result = await applyHandover(c.var.db, {
      workspaceId: c.var.auth.workspaceId,
      actorId: c.var.auth.userId,
      req: c.req.valid("json"),
    });
    return c.json(result, 200);
  });

export const handoverSpec: RouteSpec[] = [
  {
    method: "post",
    path: "/handover/preview",
    summary: "What a handover from one rep to another would move (counts), without moving it",
    role: "admin",
    body: handoverRequestSchema,
    responses: { 200: handoverResultSchema },
    errors: [403, 404],
  },
  {
    method: "post",
    path: "/handover",
    summary:
      "Reassign a rep's contacts, companies, running enrollments, open tasks (and optionally private templates) in one transaction; audited",
    role: "admin",
    body: handoverRequestSchema,
    responses: { 200: handoverResultSchema },
    errors: [403, 404],
  },
];
