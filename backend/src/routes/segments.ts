import { Hono } from "hono";
import { z } from "zod";
import { deletedSchema, idSchema, segmentSchema, segmentUpdateSchema, segmentWriteSchema } from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
import { requireWriter } from "../http/auth";
import { validate } from "../http/validate";
import type { RouteSpec } from "../openapi/route-spec";
import { createSegment, deleteSegment, listSegments, updateSegment } from "../repo/segments";

const idParam = z.object({ id: idSchema });

/** Segments: saved contact filters, shared by the workspace (GET /contacts?segment=…, bulk actions' target). */
export const segmentsRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json({ items: await listSegments(c.var.db, c.var.auth.workspaceId) }, 200))
  .post("/", requireWriter, validate("json", segmentWriteSchema), async (c) => {
    const body = c.req.valid("json");
    const { workspaceId, userId } = c.var.auth;
    return c.json(await createSegment(c.var.db, { workspaceId, actor: userId, ...body }), 201);
  })
  .patch("/:id", requireWriter, validate("param", idParam), validate("json", segmentUpdateSchema), async (c) =>
    c.json(
      await updateSegment(c.var.db, { workspaceId: c.var.auth.workspaceId, id: c.req.valid("param").id, ...c.req.valid("json") }),
      200,
    ),
  )
  .delete("/:id", requireWriter, validate("param", idParam), async (c) => {
    await deleteSegment(c.var.db, c.var.auth.workspaceId, c.req.valid("param").id);
    return c.json({ deleted: true as const }, 200);
  });

export const segmentsSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/segments",
    summary: "The workspace's segments (saved contact filters), by name",
    responses: { 200: z.object({ items: z.array(segmentSchema) }) },
  },
  {
    method: "post",
    path: "/segments",
    summary: "Save a contact filter as a segment (409 when the name is taken)",
    role: "rep",
    body: segmentWriteSchema,
    responses: { 201: segmentSchema },
    errors: [403, 409],
  },
  {
    method: "patch",
    path: "/segments/{id}",
    summary: "Rename a segment or change its filter",
    role: "rep",
    params: idParam,
    body: segmentUpdateSchema,
    responses: { 200: segmentSchema },
    errors: [403, 404, 409],
  },
  {
    method: "delete",
    path: "/segments/{id}",
    summary: "Delete a segment (its contacts stay)",
    role: "rep",
    params: idParam,
    responses: { 200: deletedSchema },
    errors: [403, 404],
  },
];
