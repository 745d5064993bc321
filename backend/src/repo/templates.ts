import { and, desc, eq, lt, or, sql, type SQL } from "drizzle-orm";
import type { Template } from "@threadline/shared/schemas";
import type { z } from "zod";
import type { templateListQuerySchema, templateUpdateSchema, templateWriteSchema } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { contactVariables } from "@threadline/shared/domain/contact-variables";
import { isFreeMailDomain } from "@threadline/shared/domain/free-mail-domains";
import { renderEmail } from "@threadline/shared/domain/render-email";
import { companies, templateLocales, templates, users } from "../db/schema";
import { emailDomain, findContactByEmail, getContact, type ContactRow } from "./contacts";
import { ApiError, notFound } from "../http/api-error";
import { sanitizeTemplateHtml } from "../security/sanitize-template-html";
import type { Auth } from "../http/auth";

export type TemplateRow = typeof templates.$inferSelect;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export const templateToApi = (row: TemplateRow): Template => ({
  id: row.id,
  ownerId: row.ownerId,
  name: row.name,
  subject: row.subject,
  bodyHtml: row.bodyHtml,
  visibility: row.visibility,
  folder: row.folder,
  tags: row.tags,
  language: row.language,
  version: row.version,
  createdAt: new Date(row.createdAt).toISOString(),
  updatedAt: new Date(row.updatedAt).toISOString(),
});

/** Shared templates, plus the caller's own private ones. Someone else's private template does not exist for you. */
const visibleTo = (auth: Auth) =>
  and(eq(templates.workspaceId, auth.workspaceId), or(eq(templates.visibility, "shared"), eq(templates.ownerId, auth.userId)))!;

export async function getTemplate(db: Db | Tx, auth: Auth, id: string): Promise<TemplateRow> {
  const row = (
    await db
      .select()
      .from(templates)
      .where(and(visibleTo(auth), eq(templates.id, id)))
      .limit(1)
  )[0];
  if (!row) throw notFound(`Template ${id}`);
  return row;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export async function listTemplates(db: Db, auth: Auth, f: z.infer<typeof templateListQuerySchema>) {
  const conds: SQL[] = [visibleTo(auth)];
  if (f.cursor) conds.push(lt(templates.id, f.cursor));
  if (f.folder) conds.push(eq(templates.folder, f.folder));
  if (f.tag) conds.push(sql`EXISTS (SELECT 1 FROM json_each(${templates.tags}) WHERE value = ${f.tag})`);
  if (f.q) {
    const pattern = `%${escapeLike(f.q.toLowerCase())}%`;
    conds.push(
      sql`(lower(${templates.name}) LIKE ${pattern} ESCAPE '\\' OR lower(${templates.subject}) LIKE ${pattern} ESCAPE '\\')`,
    );
  }
  const rows = await db
    .select()
    .from(templates)
    .where(and(...conds))
    .orderBy(desc(templates.id))
    .limit(f.limit + 1);
  const more = rows.length > f.limit;
  const items = more ? rows.slice(0, f.limit) : rows;
  return { items, nextCursor: more ? (items[items.length - 1]?.id ?? null) : null };
}

export async function createTemplate(db: Db, auth: Auth, data: z.infer<typeof templateWriteSchema>): Promise<TemplateRow> {
  const now = Date.now();
  const row: TemplateRow = {
    id: newId("tp"),
    workspaceId: auth.workspaceId,
    ownerId: auth.userId,
    name: data.name,
    subject: data.subject,
    bodyHtml: data.bodyHtml,
    visibility: data.visibility,
    folder: data.folder ?? null,
    tags: data.tags ?? [],
    language: data.language ?? "en",
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await db.insert(templates).values(row);
  return row;
}

const mayManage = (auth: Auth, row: TemplateRow) => row.ownerId === auth.userId || auth.role === "admin" || auth.role === "owner";

/**
 * Partial update; every update bumps `version`. Any writer may edit a shared template's content, but only its
 * owner or an admin may change who sees it.
 */
export async function updateTemplate(
  db: Db,
  auth: Auth,
  id: string,
  data: z.infer<typeof templateUpdateSchema>,
): Promise<TemplateRow> {
  return db.transaction(async (tx) => {
    const before = await getTemplate(tx, auth, id);
    if (data.visibility !== undefined && data.visibility !== before.visibility && !mayManage(auth, before)) {
      throw new ApiError("forbidden", "Only the template's owner or an admin can change its visibility.");
    }
    const after = { ...data, version: before.version + 1, updatedAt: Math.max(Date.now(), before.updatedAt + 1) };
    await tx
      .update(templates)
      .set(after)
      .where(and(eq(templates.workspaceId, auth.workspaceId), eq(templates.id, id)));
    return getTemplate(tx, auth, id);
  });
}

/** Deletes a template and its translations. Shared templates: owner or admin; private: only the owner sees them. */
export async function deleteTemplate(db: Db, auth: Auth, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await getTemplate(tx, auth, id);
    if (!mayManage(auth, row)) {
      throw new ApiError("forbidden", "Only the template's owner or an admin can delete it.");
    }
    await tx
      .delete(templateLocales)
      .where(and(eq(templateLocales.workspaceId, auth.workspaceId), eq(templateLocales.templateId, id)));
    await tx.delete(templates).where(and(eq(templates.workspaceId, auth.workspaceId), eq(templates.id, id)));
  });
}

/**
 * Renders a template for a stored contact (by id or email), for an address the workspace does not know yet, or for
 * ad-hoc variables; `variables` always win over the contact's. The sender is the caller.
 */
export async function renderTemplateFor(db: Db, auth: Auth, id: string, req: RenderFor) {
  return renderContentFor(db, auth, await getTemplate(db, auth, id), req);
}

type RenderFor = { contactId?: string; email?: string; variables?: Record<string, unknown> };

/**
 * Renders a subject and body (a stored template's, or the editor's unsaved draft) for a contact, an address or
 * ad-hoc variables, exactly as a send would.
 */
export async function renderContentFor(db: Db, auth: Auth, template: { subject: string; bodyHtml: string }, req: RenderFor) {
  let contact: ContactRow | undefined;
  if (req.contactId) {
    contact = await getContact(db, auth.workspaceId, req.contactId);
  } else if (req.email) {
    contact = await findContactByEmail(db, auth.workspaceId, req.email);
  }
  const email = contact?.email ?? req.email ?? null;
  const domain = email ? emailDomain(email) : null;
  const companyConds = contact?.companyId
    ? eq(companies.id, contact.companyId)
    : domain && !isFreeMailDomain(domain)
      ? eq(companies.domain, domain)
      : undefined;
  const company = companyConds
    ? (
        await db
          .select({ name: companies.name, domain: companies.domain })
          .from(companies)
          .where(and(eq(companies.workspaceId, auth.workspaceId), companyConds))
          .limit(1)
      )[0]
    : undefined;
  const sender = (
    await db
      .select({ name: users.name, email: users.email })
      .from(users)
      .where(and(eq(users.workspaceId, auth.workspaceId), eq(users.id, auth.userId)))
      .limit(1)
  )[0];
  const variables = contactVariables({
    contact: contact ?? (email ? { ...noContact, email } : null),
    company: company ?? null,
    sender: sender ?? null,
    extra: req.variables,
  });
  const rendered = renderEmail({ subject: template.subject, html: template.bodyHtml, variables });
  // Also HTML stored before templates were sanitised on save: what a compose box receives is always clean.
  return { ...rendered, html: await sanitizeTemplateHtml(rendered.html) };
}

const noContact = {
  firstName: null,
  lastName: null,
  displayName: null,
  title: null,
  phone: null,
  country: null,
  customFields: {},
};
