import { z } from "zod";
import { emailSchema, idSchema, isoDateSchema, languageSchema, tagsSchema } from "./common";

export const templateWriteSchema = z
  .object({
    name: z.string().trim().min(1, "is empty").max(200),
    subject: z.string().max(998),
    bodyHtml: z.string().max(200_000, "is larger than 200 KB"),
    visibility: z.enum(["shared", "private"]).default("shared"),
    folder: z.string().trim().max(200).nullable().optional(),
    tags: tagsSchema.optional(),
    language: languageSchema.optional(),
  })
  .strict();
export const templateUpdateSchema = templateWriteSchema.partial().strict();

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

export const renderResultSchema = z.object({
  subject: z.string(),
  html: z.string(),
  missing: z.array(z.string()),
});
export type RenderResult = z.infer<typeof renderResultSchema>;
