import { z } from "zod";
import { idSchema, isoDateSchema, somethingToChange } from "./common";

export const taskKinds = ["call", "linkedin", "custom", "follow_up", "reply_needed", "handoff", "verify_sender"] as const;
export const taskStatuses = ["open", "done", "skipped"] as const;

export const taskSchema = z.object({
  id: z.string(),
  ownerId: z.string().nullable(),
  contactId: z.string().nullable(),
  enrollmentId: z.string().nullable(),
  kind: z.enum(taskKinds),
  title: z.string(),
  note: z.string().nullable(),
  dueAt: isoDateSchema,
  status: z.enum(taskStatuses),
  snoozedUntil: isoDateSchema.nullable(),
  completedAt: isoDateSchema.nullable(),
  overdue: z.boolean(),
  createdAt: isoDateSchema,
});
export type Task = z.infer<typeof taskSchema>;

export const taskListQuerySchema = z
  .object({
    // "me" = the caller; "all" = everyone's (the default for admins is still "me").
    owner: z.union([z.literal("me"), z.literal("all"), idSchema]).default("me"),
    status: z.enum([...taskStatuses, "any"]).default("open"),
    contactId: idSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const taskCreateSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    kind: z.enum(["call", "linkedin", "custom", "follow_up", "reply_needed"]).default("custom"),
    note: z.string().max(5000).optional(),
    dueAt: isoDateSchema,
    contactId: idSchema.optional(),
    ownerId: idSchema.optional(),
  })
  .strict();

export const taskUpdateSchema = somethingToChange(
  z
    .object({
      title: z.string().trim().min(1).max(300).optional(),
      note: z.string().max(5000).nullable().optional(),
      dueAt: isoDateSchema.optional(),
      ownerId: idSchema.optional(),
    })
    .strict(),
);

export const taskSnoozeSchema = z.object({ until: isoDateSchema }).strict();
