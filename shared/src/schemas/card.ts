import { z } from "zod";
import { emailSchema } from "./common";
import { companySchema } from "./company";
import { contactSchema } from "./contact";
import { timelineEventSchema } from "./timeline";

export const cardQuerySchema = z
  .object({
    email: emailSchema,
    // Display name as the mail client shows it; used to pre-fill a suggested contact.
    name: z.string().trim().max(200).optional(),
  })
  .strict();

export const localTimeSchema = z.object({
  zone: z.string(),
  // true when the zone was guessed from the country (or defaulted), not set on the contact.
  guessed: z.boolean(),
  // ISO timestamp with the zone's offset, e.g. 2026-11-23T17:04:00+08:00.
  iso: z.string(),
  offsetMinutes: z.number().int(),
});
export type LocalTime = z.infer<typeof localTimeSchema>;

export const warningSchema = z.object({
  code: z.enum(["lookalike_domain", "teammate_owns_account", "suppressed", "unsubscribed", "bounced", "email_invalid"]),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type Warning = z.infer<typeof warningSchema>;

export const enrollmentSummarySchema = z.object({
  id: z.string(),
  sequenceId: z.string(),
  sequenceName: z.string(),
  state: z.enum(["active", "paused", "finished", "replied", "bounced", "unsubscribed", "stopped", "failed"]),
  stateReason: z.string().nullable(),
  stepNumber: z.number().int(),
  stepCount: z.number().int(),
  nextSendAt: z.string().nullable(),
  nextSendRepLocal: z.string().nullable(),
  nextSendContactLocal: z.string().nullable(),
});
export type EnrollmentSummary = z.infer<typeof enrollmentSummarySchema>;

export const cardTaskSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  dueAt: z.string(),
  status: z.enum(["open", "done", "skipped"]),
});

export const suggestedContactSchema = z.object({
  email: z.string(),
  displayName: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  companyDomain: z.string().nullable(),
  companyName: z.string().nullable(),
});

/** Opens and clicks of the contact's mail by who made them (labels of label-tracking-event), all time. */
export const engagementSchema = z.object({
  /** Opens by a person: the card's open count. */
  humanOpens: z.number().int(),
  /** Apple/Gmail proxies, scanners and prefetches: they happened, but nobody looked. */
  machineOpens: z.number().int(),
  /** Repeats of a counted open from the same network within an hour. */
  repeatOpens: z.number().int(),
  humanClicks: z.number().int(),
  machineClicks: z.number().int(),
});
export type Engagement = z.infer<typeof engagementSchema>;

export const cardSchema = z.object({
  email: z.string(),
  contact: contactSchema.nullable(),
  suggested: suggestedContactSchema.nullable(),
  company: companySchema.nullable(),
  timeline: z.array(timelineEventSchema),
  enrollments: z.array(enrollmentSummarySchema),
  tasks: z.array(cardTaskSchema),
  localTime: localTimeSchema.nullable(),
  warnings: z.array(warningSchema),
  engagement: engagementSchema,
});
export type Card = z.infer<typeof cardSchema>;
