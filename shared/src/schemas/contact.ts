import { z } from "zod";
import {
  countrySchema,
  emailSchema,
  idSchema,
  isoDateSchema,
  languageSchema,
  tagsSchema,
  timeZoneSchema,
  somethingToChange,
} from "./common";

export const stageSchema = z.enum(["lead", "contacted", "qualified", "quoted", "negotiation", "customer", "lost"]);
export const emailStatusSchema = z.enum(["unknown", "valid", "invalid"]);
export const consentStatusSchema = z.enum(["unknown", "granted", "legitimate_interest", "withdrawn"]);

const name = z.string().trim().max(200);

/** Fields a client may write. `strict`: an unknown field is an error, not silently dropped. */
export const contactWriteSchema = z
  .object({
    email: emailSchema,
    displayName: name.nullable().optional(),
    firstName: name.nullable().optional(),
    lastName: name.nullable().optional(),
    title: name.nullable().optional(),
    phone: z.string().trim().max(50).nullable().optional(),
    country: countrySchema.nullable().optional(),
    timeZone: timeZoneSchema.nullable().optional(),
    language: languageSchema.nullable().optional(),
    stage: stageSchema.optional(),
    tags: tagsSchema.optional(),
    ownerId: idSchema.nullable().optional(),
    source: z.string().trim().max(200).nullable().optional(),
    consentStatus: consentStatusSchema.optional(),
    customFields: z.record(z.string().max(64), z.string().max(2000)).optional(),
  })
  .strict();
export type ContactWrite = z.infer<typeof contactWriteSchema>;

export const contactCreateSchema = contactWriteSchema;
export const contactUpdateSchema = somethingToChange(contactWriteSchema.partial().strict());
export type ContactUpdate = z.infer<typeof contactUpdateSchema>;

export const contactSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  country: z.string().nullable(),
  timeZone: z.string().nullable(),
  language: z.string().nullable(),
  stage: z.string(),
  tags: z.array(z.string()),
  ownerId: z.string().nullable(),
  companyId: z.string().nullable(),
  source: z.string().nullable(),
  consentStatus: consentStatusSchema,
  customFields: z.record(z.string(), z.string()),
  emailStatus: emailStatusSchema,
  hot: z.boolean(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Contact = z.infer<typeof contactSchema>;
