// Language versions of a template (template_locales), beside the templates routes:
//   GET    /templates/:id/locales                 every version, the default first
//   PUT    /templates/:id/locales/:language       create or replace a version (writers)
//   DELETE /templates/:id/locales/:language
//   GET    /templates/:id/pick-locale?contactId=… the version a contact gets (pickTemplateLocale)
import { and, asc, eq, or } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import {
  idSchema,
  pickedTemplateLocaleSchema,
  pickLocaleQuerySchema,
  templateLocaleParamSchema,
  templateLocaleSchema,
  templateLocaleWriteSchema,
  type TemplateLocale,
} from "@threadline/shared/schemas";
import { pickTemplateLocale } from "@threadline/shared/domain/pick-template-locale";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { templateLocales, templates } from "../db/schema";
import { ApiError, notFound } from "../http/api-error";
import type { AppEnv } from "../http/app-env";
import type { RouteSpec } from "../openapi/route-spec";
import { withSanitizedBody } from "../security/sanitize-template-html";
import type { Auth } from "../http/auth";
import { requireWriter } from "../http/auth";
import { validate } from "../http/validate";
import { getContact } from "../repo/contacts";

const iso = (ms: number) => new Date(ms).toISOString();

/** The template if the caller may see it: shared, or private and theirs. */
async function visibleTemplate(db: Db, auth: Auth, id: string) {
  const [row] = await db
    .select()
    .from(templates)
    .where(
      and(
        eq(templates.workspaceId, auth.workspaceId),
        eq(templates.id, id),
        or(eq(templates.visibility, "shared"), eq(templates.ownerId, auth.userId)),
      ),
    )
    .limit(1);
  if (!row) throw notFound(`Template ${id}`);
  return row;
}

/** Private templates are edited by their owner only; shared ones by any writer. */
function assertMayEdit(tpl: typeof templates.$inferSelect, auth: Auth) {
  if (tpl.visibility === "private" && tpl.ownerId !== auth.userId) {
    throw new ApiError("forbidden", "Only the owner can change a private template.");
  }
}

async function versionsOf(db: Db, workspaceId: string, tpl: typeof templates.$inferSelect): Promise<TemplateLocale[]> {
  const rows = await db
    .select()
    .from(templateLocales)
    .where(and(eq(templateLocales.workspaceId, workspaceId), eq(templateLocales.templateId, tpl.id)))
    .orderBy(asc(templateLocales.language));
  return [
    {
      templateId: tpl.id,
      language: tpl.language,
      subject: tpl.subject,
      bodyHtml: tpl.bodyHtml,
      isDefault: true,
      updatedAt: iso(tpl.updatedAt),
    },
    ...rows
      .filter((r) => r.language !== tpl.language)
      .map((r) => ({
        templateId: tpl.id,
        language: r.language,
        subject: r.subject,
        bodyHtml: r.bodyHtml,
        isDefault: false,
        updatedAt: iso(r.updatedAt),
      })),
  ];
}

export const templateLocalesRoutes = new Hono<AppEnv>()
  .get("/:id/locales", validate("param", z.object({ id: idSchema })), async (c) => {
    const tpl = await visibleTemplate(c.var.db, c.var.auth, c.req.valid("param").id);
    return c.json({ items: await versionsOf(c.var.db, c.var.auth.workspaceId, tpl) }, 200);
  })
  .put(
    "/:id/locales/:language",
    requireWriter,
    validate("param", templateLocaleParamSchema),
    validate("json", templateLocaleWriteSchema),
    async (c) => {
      const { id, language } = c.req.valid("param");
      const { db, auth } = c.var;
      const tpl = await visibleTemplate(db, auth, id);
      assertMayEdit(tpl, auth);
      if (language === tpl.language) {
        throw new ApiError(
          "bad_request",
          `language: ${language} is the template's default language; edit the template itself to change that version.`,
        );
      }
      const data = await withSanitizedBody(c.req.valid("json"));
      const now = Date.now();
      await db
        .insert(templateLocales)
        .values({ id: newId("tl"), workspaceId: auth.workspaceId, templateId: id, language, ...data, updatedAt: now })
        .onConflictDoUpdate({ target: [templateLocales.templateId, templateLocales.language], set: { ...data, updatedAt: now } });
      const version = (await versionsOf(db, auth.workspaceId, tpl)).find((v) => v.language === language)!;
      return c.json(version, 200);
    },
  )
  .delete("/:id/locales/:language", requireWriter, validate("param", templateLocaleParamSchema), async (c) => {
    const { id, language } = c.req.valid("param");
    const { db, auth } = c.var;
    const tpl = await visibleTemplate(db, auth, id);
    assertMayEdit(tpl, auth);
    const removed = await db
      .delete(templateLocales)
      .where(
        and(
          eq(templateLocales.workspaceId, auth.workspaceId),
          eq(templateLocales.templateId, id),
          eq(templateLocales.language, language),
        ),
      )
      .returning({ id: templateLocales.id });
    if (removed.length === 0) throw notFound(`The ${language} version of template ${id}`);
    return c.json({ deleted: true }, 200);
  })
  .get("/:id/pick-locale", validate("param", z.object({ id: idSchema })), validate("query", pickLocaleQuerySchema), async (c) => {
    const { db, auth } = c.var;
    const tpl = await visibleTemplate(db, auth, c.req.valid("param").id);
    const q = c.req.valid("query");
    const contact = q.contactId ? await getContact(db, auth.workspaceId, q.contactId) : null;
    const versions = await versionsOf(db, auth.workspaceId, tpl);
    const picked = pickTemplateLocale({
      contactLanguage: q.language ?? contact?.language,
      contactCountry: q.country ?? contact?.country,
      defaultLanguage: tpl.language,
      available: versions.map((v) => v.language),
    });
    const version = versions.find((v) => v.language.split("-")[0] === picked.language) ?? versions[0]!;
    return c.json({ ...version, reason: picked.reason }, 200);
  });

const idOnly = z.object({ id: idSchema });

export const templateLocalesSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/templates/{id}/locales",
    summary: "Every language version of a template, the default first",
    params: idOnly,
    responses: { 200: z.object({ items: z.array(templateLocaleSchema) }) },
    errors: [404],
  },
  {
    method: "put",
    path: "/templates/{id}/locales/{language}",
    summary: "Create or replace a language version of a template",
    role: "rep",
    params: templateLocaleParamSchema,
    body: templateLocaleWriteSchema,
    responses: { 200: templateLocaleSchema },
    errors: [403, 404],
  },
  {
    method: "delete",
    path: "/templates/{id}/locales/{language}",
    summary: "Delete a language version",
    role: "rep",
    params: templateLocaleParamSchema,
    responses: { 200: z.object({ deleted: z.boolean() }) },
    errors: [403, 404],
  },
  {
    method: "get",
    path: "/templates/{id}/pick-locale",
    summary: "The version a contact gets: their language, else their country's, else the template's default",
    params: idOnly,
    query: pickLocaleQuerySchema,
    responses: { 200: pickedTemplateLocaleSchema },
    errors: [404],
  },
];
