import { z } from "zod";
import { idSchema, isoDateSchema, languageSchema } from "./common";

/** A language version of a template (the main version lives on the template itself). */
export const templateLocaleWriteSchema = z
  .object({
    subject: z.string().max(998),
    bodyHtml: z.string().max(200_000, "is larger than 200 KB"),
  })
  .strict();
export type TemplateLocaleWrite = z.infer<typeof templateLocaleWriteSchema>;

export const templateLocaleSchema = z.object({
  templateId: z.string(),
  language: z.string(),
  subject: z.string(),
  bodyHtml: z.string(),
  // true for the template's own (default) version.
  isDefault: z.boolean(),
  updatedAt: isoDateSchema,
});
export type TemplateLocale = z.infer<typeof templateLocaleSchema>;

export const templateLocaleParamSchema = z.object({ id: idSchema, language: languageSchema });

export const pickLocaleQuerySchema = z
  .object({
    contactId: idSchema.optional(),
    // Without a stored contact: the recipient's language and/or country.
    language: languageSchema.optional(),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "must be a two-letter country code")
      .optional(),
  })
  .strict();

export const pickedTemplateLocaleSchema = templateLocaleSchema.extend({
  reason: z.enum(["contact", "country", "default"]),
});
