import { Hono } from "hono";
import {
  deletedSchema,
  idParamSchema,
  page,
  renderResultSchema,
  templateListQuerySchema,
  templateDraftRenderRequestSchema,
  templateRenderRequestSchema,
  templateSchema,
  templateUpdateSchema,
  templateWriteSchema,
} from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
import { requireWriter } from "../http/auth";
import { validate } from "../http/validate";
import type { RouteSpec } from "../openapi/route-spec";
import { withSanitizedBody } from "../security/sanitize-template-html";
import {
  createTemplate,
  deleteTemplate,
  getTemplate,
  listTemplates,
  renderContentFor,
  renderTemplateFor,
  templateToApi,
  updateTemplate,
} from "../repo/templates";

export const templatesRoutes = new Hono<AppEnv>()
  .get("/", validate("query", templateListQuerySchema), async (c) => {
    const r = await listTemplates(c.var.db, c.var.auth, c.req.valid("query"));
    return c.json({ items: r.items.map(templateToApi), nextCursor: r.nextCursor }, 200);
  })
  .post("/", requireWriter, validate("json", templateWriteSchema), async (c) =>
    c.json(templateToApi(await createTemplate(c.var.db, c.var.auth, await withSanitizedBody(c.req.valid("json")))), 201),
  )
  // A read like /:id/render: nothing is stored, so viewers may preview too.
  .post("/render", validate("json", templateDraftRenderRequestSchema), async (c) => {
    const { subject, bodyHtml, ...req } = c.req.valid("json");
    return c.json(await renderContentFor(c.var.db, c.var.auth, { subject, bodyHtml }, req), 200);
  })
  .get("/:id", validate("param", idParamSchema), async (c) =>
    c.json(templateToApi(await getTemplate(c.var.db, c.var.auth, c.req.valid("param").id)), 200),
  )
  .patch("/:id", requireWriter, validate("param", idParamSchema), validate("json", templateUpdateSchema), async (c) =>
    c.json(
      templateToApi(
        await updateTemplate(c.var.db, c.var.auth, c.req.valid("param").id, await withSanitizedBody(c.req.valid("json"))),
      ),
      200,
    ),
  )
  // A read: rendering changes nothing, so viewers may preview too.
  .post("/:id/render", validate("param", idParamSchema), validate("json", templateRenderRequestSchema), async (c) =>
    c.json(await renderTemplateFor(c.var.db, c.var.auth, c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .delete("/:id", requireWriter, validate("param", idParamSchema), async (c) => {
    await deleteTemplate(c.var.db, c.var.auth, c.req.valid("param").id);
    return c.json({ deleted: true as const }, 200);
  });

export const templatesSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/templates",
    summary: "Templates the caller can see (shared + own private), newest first",
    query: templateListQuerySchema,
    responses: { 200: page(templateSchema) },
  },
  {
    method: "post",
    path: "/templates",
    summary: "Create a template (owned by the caller); its HTML is sanitised (no scripts, handlers, forms, frames)",
    role: "rep",
    body: templateWriteSchema,
    responses: { 201: templateSchema },
    errors: [403],
  },
  {
    method: "post",
    path: "/templates/render",
    summary:
      "Render an unsaved subject and body (the editor's live preview) for a contact, an email, ad-hoc variables or nobody → subject, subjectHtml, html (sanitised), missing; stores nothing",
    body: templateDraftRenderRequestSchema,
    responses: { 200: renderResultSchema },
    errors: [404],
  },
  {
    method: "get",
    path: "/templates/{id}",
    summary: "Get a template",
    params: idParamSchema,
    responses: { 200: templateSchema },
    errors: [404],
  },
  {
    method: "patch",
    path: "/templates/{id}",
    summary: "Edit a template (partial); bumps its version",
    role: "rep",
    params: idParamSchema,
    body: templateUpdateSchema,
    responses: { 200: templateSchema },
    errors: [403, 404],
  },
  {
    method: "post",
    path: "/templates/{id}/render",
    summary:
      "Render a template for a contact (contactId or email) or ad-hoc variables → subject (plain text), subjectHtml (variables escaped), html (variables escaped, sanitised), missing",
    params: idParamSchema,
    body: templateRenderRequestSchema,
    responses: { 200: renderResultSchema },
    errors: [404],
  },
  {
    method: "delete",
    path: "/templates/{id}",
    summary: "Delete a template (owner or admin)",
    role: "rep",
    params: idParamSchema,
    responses: { 200: deletedSchema },
    errors: [403, 404],
  },
];
