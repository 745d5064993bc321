import { z } from "zod";
import { emailSchema, idSchema, isoDateSchema, languageSchema, tagsSchema, cursorSchema, somethingToChange } from "./common";

const visibilitySchema = z.enum(["shared", "private"]);
const templateFields = {
  name: z.string().trim().min(1, "is empty").max(200),
  subject: z.string().max(998),
  bodyHtml: z.string().max(200_000, "is larger than 200 KB"),
  visibility: visibilitySchema,
  folder: z.string().trim().max(200).nullable().optional(),
  tags: tagsSchema.optional(),
  language: languageSchema.optional(),
};

export const templateWriteSchema = z.object({ ...templateFields, visibility: visibilitySchema.default("shared") }).strict();
// Built from the fields without defaults: a partial update must not reset visibility to its default.
export const templateUpdateSchema = somethingToChange(z.object(templateFields).partial().strict());

export const templateSchema = z.object({
  id: z.string(),
  ownerId: z.string().nullable(),
  name: z.string(),
  subject: z.string(),
  bodyHtml: z.string(),
  visibility: z.enum(["shared", "private"]),
  folder: z.string().nullable(),
  tags: z.array(z.string()),
  language: z.string(),
  version: z.number().int(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Template = z.infer<typeof templateSchema>;

/** Render for a stored contact (by id or email), or for ad-hoc variables (e.g. an unknown recipient). */
export const templateRenderRequestSchema = z
  .object({
    contactId: idSchema.optional(),
    email: emailSchema.optional(),
    variables: z.record(z.string().max(64), z.unknown()).optional(),
  })
  .strict()
  .refine((v) => v.contactId || v.email || v.variables, { message: "give contactId, email or variables" });

/**
 * Render the editor's unsaved subject and body (the console's live preview) for a contact, an address, ad-hoc
 * variables, or nobody (every contact variable then shows as missing).
 */
export const templateDraftRenderRequestSchema = z
  .object({
    subject: templateFields.subject,
    bodyHtml: templateFields.bodyHtml,
    contactId: idSchema.optional(),
    email: emailSchema.optional(),
    variables: z.record(z.string().max(64), z.unknown()).optional(),
  })
  .strict();

export const renderResultSchema = z.object({
  /** Plain text: what goes into a subject field or the Subject header. */
  subject: z.string(),
  /** The subject with its variables HTML-escaped, for an HTML context. */
  subjectHtml: z.string(),
  html: z.string(),
  missing: z.array(z.string()),
});
export type RenderResult = z.infer<typeof renderResultSchema>;

export const templateListQuerySchema = z
  .object({
    q: z.string().trim().max(200).optional(),
    folder: z.string().trim().max(200).optional(),
    tag: z.string().trim().max(64).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: cursorSchema.optional(),
  })
  .strict();
