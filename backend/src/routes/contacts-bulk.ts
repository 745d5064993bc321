import { Hono } from "hono";
import { z } from "zod";
import { bulkExportRequestSchema, bulkRequestSchema, bulkResultSchema } from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
import { requireWriter } from "../http/auth";
import { validate } from "../http/validate";
import type { RouteSpec } from "../openapi/route-spec";
import { exportContactsCsv, runBulkAction } from "../repo/contact-bulk";

/** Bulk actions over selected contacts, a filter or a segment. Mounted beside the contacts routes. */
export const contactsBulkRoutes = new Hono<AppEnv>()
  .post("/bulk", requireWriter, validate("json", bulkRequestSchema), async (c) => {
    const { target, action } = c.req.valid("json");
    return c.json(await runBulkAction(c.var.db, c.var.auth, target, action), 200);
  })
  .post("/bulk/export", requireWriter, validate("json", bulkExportRequestSchema), async (c) => {
    const csv = await exportContactsCsv(c.var.db, c.var.auth.workspaceId, c.req.valid("json").target);
    const stamp = new Date().toISOString().slice(0, 10);
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="threadline-contacts-${stamp}.csv"`,
    });
  });

export const contactsBulkSpec: RouteSpec[] = [
  {
    method: "post",
    path: "/contacts/bulk",
    summary:
      "One action on many contacts (ids, a filter or a segment; at most 10,000, add to sequence 1,000), all or nothing: add to sequence (400 lists every refusal by reason: suppressed, already enrolled, missing variables named; 409 teammate warning, resend with override), add or remove a tag, set the stage (timeline event each), assign an owner",
    role: "rep",
    body: bulkRequestSchema,
    responses: { 200: bulkResultSchema },
    errors: [403, 404, 409],
  },
  {
    method: "post",
    path: "/contacts/bulk/export",
    summary: "The selected contacts (ids, filter or segment; at most 10,000) as CSV (text/csv, UTF-8 with BOM)",
    role: "rep",
    body: bulkExportRequestSchema,
    responses: { 200: z.string() },
    errors: [403, 404],
  },
];
