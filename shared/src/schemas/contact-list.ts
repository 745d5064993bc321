import { z } from "zod";
import { countrySchema, idSchema, isoDateSchema, tagSchema } from "./common";
import { contactSchema, emailStatusSchema, stageSchema } from "./contact";

const days = z.coerce.number().int().min(1).max(3650);

/**
 * Which contacts: the filter bar of the console's Contacts page, the `?…` of GET /contacts, a segment's saved filter
 * and the target of a bulk action. Every field narrows (AND).
 */
export const contactFilterSchema = z
  .object({
    /** Over email, name and company name. */
    q: z.string().trim().max(200).optional(),
    tag: tagSchema.optional(),
    stage: stageSchema.optional(),
    /** A user id, or "none" for contacts nobody owns. */
    owner: z.union([idSchema, z.literal("none")]).optional(),
    country: countrySchema.optional(),
    emailStatus: emailStatusSchema.optional(),
    /** "yes": active or paused in some sequence (or in `sequenceId`); "no": in none (or not in `sequenceId`). */
    inSequence: z.enum(["yes", "no"]).optional(),
    sequenceId: idSchema.optional(),
    /** Some timeline activity (mail, open, click, reply, note, stage change…) in the last N days. */
    activeWithinDays: days.optional(),
    /** No timeline activity for N days (or never). */
    inactiveForDays: days.optional(),
  })
  .strict();
export type ContactFilter = z.infer<typeof contactFilterSchema>;

export const contactSortSchema = z.enum(["created", "updated", "email", "name"]);
export type ContactSort = z.infer<typeof contactSortSchema>;

/** A list cursor: the `nextCursor` of the previous page (opaque); anything else is a 400, not an empty page. */
export const contactCursorSchema = z
  .string()
  .max(600)
  .regex(/^(?:[a-z]+_[0-9a-z]+|k\.[A-Za-z0-9_-]+)$/, "is not a cursor: pass the nextCursor of the previous page");

export const contactListQuerySchema = contactFilterSchema
  .extend({
    /** A saved segment's filter; the other parameters narrow it further. */
    segment: idSchema.optional(),
    sort: contactSortSchema.default("created"),
    order: z.enum(["asc", "desc"]).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: contactCursorSchema.optional(),
  })
  .strict();
export type ContactListQuery = z.infer<typeof contactListQuerySchema>;

export const contactCountQuerySchema = contactFilterSchema.extend({ segment: idSchema.optional() }).strict();

/** A row of the contacts list: the contact plus what the table shows beside it. */
export const contactListItemSchema = contactSchema.extend({
  companyName: z.string().nullable(),
  lastActivityAt: isoDateSchema.nullable(),
});
export type ContactListItem = z.infer<typeof contactListItemSchema>;

export const contactListPageSchema = z.object({
  items: z.array(contactListItemSchema),
  nextCursor: z.string().nullable(),
});

// --- segments: saved filters ("Trade show leads – DE") ---

export const segmentWriteSchema = z
  .object({
    name: z.string().trim().min(1, "give the segment a name").max(100),
    filter: contactFilterSchema,
  })
  .strict();
export const segmentUpdateSchema = segmentWriteSchema
  .partial()
  .strict()
  .refine((v) => v.name !== undefined || v.filter !== undefined, {
    message: "nothing to change: send at least one field to update",
  });

export const segmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  filter: contactFilterSchema,
  createdBy: z.string().nullable(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Segment = z.infer<typeof segmentSchema>;

// --- bulk actions over selected ids, a filter ("select all N matching") or a segment ---

/** At most this many contacts per bulk action (add to sequence: `bulkEnrollMax`). */
export const bulkMax = 10_000;
export const bulkEnrollMax = 1_000;

export const bulkTargetSchema = z.union([
  z.object({ ids: z.array(idSchema).min(1).max(bulkMax) }).strict(),
  z.object({ filter: contactFilterSchema }).strict(),
  z.object({ segmentId: idSchema }).strict(),
]);
export type BulkTarget = z.infer<typeof bulkTargetSchema>;

export const bulkActionSchema = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("add_to_sequence"),
      sequenceId: idSchema,
      mailboxId: idSchema.optional(),
      /** Enrol even though a teammate runs a sequence at the same company. */
      override: z.boolean().default(false),
    })
    .strict(),
  z.object({ type: z.literal("add_tag"), tag: tagSchema }).strict(),
  z.object({ type: z.literal("remove_tag"), tag: tagSchema }).strict(),
  z.object({ type: z.literal("set_stage"), stage: stageSchema }).strict(),
  z.object({ type: z.literal("assign_owner"), ownerId: idSchema.nullable() }).strict(),
]);
export type BulkAction = z.infer<typeof bulkActionSchema>;

export const bulkRequestSchema = z.object({ target: bulkTargetSchema, action: bulkActionSchema }).strict();
export type BulkRequest = z.infer<typeof bulkRequestSchema>;

export const bulkExportRequestSchema = z.object({ target: bulkTargetSchema }).strict();

export const bulkResultSchema = z.object({
  /** Contacts the target matched. */
  matched: z.number().int(),
  /** Contacts the action changed (already tagged, already in that stage… are left alone). */
  changed: z.number().int(),
});

/** Why a bulk "Add to sequence" enrolled nobody: every refused contact, grouped by reason. */
export const enrollRefusalReasons = ["suppressed", "already_enrolled", "missing_variables", "not_found", "bad_step"] as const;
export const bulkEnrollRefusalsSchema = z.object({
  refusals: z.array(
    z.object({
      reason: z.enum(enrollRefusalReasons),
      contacts: z.array(z.object({ contact: z.string(), message: z.string(), missing: z.array(z.string()).optional() })),
    }),
  ),
});
