import { z } from "zod";
import { emailSchema, idSchema, isoDateSchema, timeZoneSchema, somethingToChange } from "./common";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be a local time HH:MM (00:00–24:00)");
const isoDay = z.number().int().min(1, "1 = Monday").max(7, "7 = Sunday");
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");

/**
 * Per-sequence settings (stored in sequences.settings). The window is evaluated in the RECIPIENT's zone.
 * `end` earlier than `start` means the window runs past midnight (22:00–02:00).
 */
export const sequenceSettingsSchema = z
  .object({
    window: z
      .object({
        start: hhmm.default("09:00"),
        end: hhmm.default("17:00"),
        // ISO weekdays on which a window opens (1 = Monday … 7 = Sunday).
        days: z.array(isoDay).min(1, "needs at least one day").max(7).default([1, 2, 3, 4, 5]),
      })
      .strict()
      .default({ start: "09:00", end: "17:00", days: [1, 2, 3, 4, 5] }),
    // When the contact's country rests on other days (Saudi Arabia: Friday–Saturday), use that country's weekend.
    weekendByCountry: z.boolean().default(true),
    // Extra per-country weekend overrides, e.g. { "AE": [6, 7] }.
    countryWeekends: z.record(z.string().regex(/^[A-Z]{2}$/), z.array(isoDay).max(7)).default({}),
    // Local dates (in the recipient's zone) on which nothing is sent.
    holidays: z.array(localDate).max(500).default([]),
    trackOpens: z.boolean().default(true),
    trackClicks: z.boolean().default(true),
    // One-to-one sequences may opt out of List-Unsubscribe and the visible unsubscribe line.
    includeUnsubscribe: z.boolean().default(true),
    // Minimum gap between two sends of the same mailbox, plus random jitter up to jitterSeconds.
    minSpacingSeconds: z.number().int().min(0).max(3600).default(0),
    jitterSeconds: z.number().int().min(0).max(3600).default(0),
  })
  .strict();
export type SequenceSettings = z.infer<typeof sequenceSettingsSchema>;
export const defaultSequenceSettings = (): SequenceSettings => sequenceSettingsSchema.parse({});

export const emailVariantSchema = z
  .object({
    id: z.string().trim().min(1).max(20),
    subject: z.string().max(998).optional(),
    bodyHtml: z.string().max(200_000).optional(),
    templateId: idSchema.optional(),
    weight: z.number().int().min(0).max(100).default(50),
  })
  .strict()
  .refine((v) => v.templateId || (v.subject !== undefined && v.bodyHtml !== undefined), {
    message: "a variant needs templateId or subject + bodyHtml",
  });

export const emailStepConfigSchema = z
  .object({
    templateId: idSchema.optional(),
    subject: z.string().max(998).optional(),
    bodyHtml: z.string().max(200_000).optional(),
    // "same_thread": a reply to the previous message (Re: subject, In-Reply-To/References). Default for follow-ups.
    threadMode: z.enum(["same_thread", "new_thread"]).optional(),
    variants: z.array(emailVariantSchema).max(5).optional(),
  })
  .strict();
export type EmailStepConfig = z.infer<typeof emailStepConfigSchema>;

export const taskStepConfigSchema = z
  .object({
    taskKind: z.enum(["call", "linkedin", "custom"]).default("custom"),
    title: z.string().trim().min(1).max(300),
    note: z.string().max(5000).optional(),
  })
  .strict();
export type TaskStepConfig = z.infer<typeof taskStepConfigSchema>;

const delay = {
  delayAmount: z.number().int().min(0).max(365).default(0),
  delayUnit: z.enum(["business_days", "hours"]).default("business_days"),
};

/**
 * One step as written by a client. A strict object first (an unknown field is named in the error even when
 * `kind` is missing), then `config` is checked against the step kind's schema.
 */
export const stepWriteSchema = z
  .object({ kind: z.enum(["email", "task"]), ...delay, config: z.record(z.string(), z.unknown()) })
  .strict()
  .transform((v, ctx) => {
    const parsed = v.kind === "email" ? emailStepConfigSchema.safeParse(v.config) : taskStepConfigSchema.safeParse(v.config);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const extra = issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : issue.message;
        ctx.addIssue({ code: "custom", message: extra, path: ["config", ...issue.path] });
      }
      return z.NEVER;
    }
    return v.kind === "email"
      ? { kind: "email" as const, delayAmount: v.delayAmount, delayUnit: v.delayUnit, config: parsed.data as EmailStepConfig }
      : { kind: "task" as const, delayAmount: v.delayAmount, delayUnit: v.delayUnit, config: parsed.data as TaskStepConfig };
  });
export type StepWrite = z.infer<typeof stepWriteSchema>;

export const sequenceWriteSchema = z
  .object({
    name: z.string().trim().min(1, "is empty").max(200),
    visibility: z.enum(["shared", "private"]).default("shared"),
    timeZone: timeZoneSchema.default("UTC"),
    dailyCap: z.number().int().min(1).max(100_000).default(200),
    settings: sequenceSettingsSchema.optional(),
    steps: z.array(stepWriteSchema).max(30).optional(),
  })
  .strict();
export const sequenceUpdateSchema = somethingToChange(
  z
    .object({
      name: z.string().trim().min(1, "is empty").max(200).optional(),
      visibility: z.enum(["shared", "private"]).optional(),
      timeZone: timeZoneSchema.optional(),
      dailyCap: z.number().int().min(1).max(100_000).optional(),
      settings: sequenceSettingsSchema.optional(),
      archived: z.boolean().optional(),
    })
    .strict(),
);

export const stepSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  kind: z.enum(["email", "task"]),
  delayAmount: z.number().int(),
  delayUnit: z.enum(["business_days", "hours"]),
  config: z.record(z.string(), z.unknown()),
});
export const sequenceSchema = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string().nullable(),
  visibility: z.enum(["shared", "private"]),
  timeZone: z.string(),
  dailyCap: z.number().int(),
  settings: sequenceSettingsSchema,
  archived: z.boolean(),
  steps: z.array(stepSchema),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Sequence = z.infer<typeof sequenceSchema>;

export const enrollmentStates = [
  "active",
  "paused",
  "finished",
  "replied",
  "bounced",
  "unsubscribed",
  "stopped",
  "failed",
] as const;
export const enrollmentStateSchema = z.enum(enrollmentStates);
export type EnrollmentState = z.infer<typeof enrollmentStateSchema>;

/** A thread to continue: Gmail thread id + last Message-ID, or Outlook conversation id + internetMessageId. */
export const enrollmentThreadSchema = z
  .object({
    gmailThreadId: z.string().max(200).optional(),
    conversationId: z.string().max(500).optional(),
    providerMessageId: z.string().max(500).optional(),
    messageId: z.string().max(998).optional(),
    subject: z.string().max(998).optional(),
  })
  .strict();

export const enrollRequestSchema = z
  .object({
    sequenceId: idSchema,
    mailboxId: idSchema.optional(),
    contactIds: z.array(idSchema).min(1).max(500).optional(),
    emails: z.array(emailSchema).min(1).max(500).optional(),
    thread: enrollmentThreadSchema.optional(),
    // Enrol even though a teammate owns an active enrollment of someone at the same company.
    override: z.boolean().default(false),
    startAt: isoDateSchema.optional(),
  })
  .strict()
  .refine((v) => v.contactIds || v.emails, { message: "give contactIds or emails" });

export const enrollmentListQuerySchema = z
  .object({
    contactId: idSchema.optional(),
    sequenceId: idSchema.optional(),
    state: enrollmentStateSchema.optional(),
  })
  .strict();

export const enrollmentSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  sequenceId: z.string(),
  mailboxId: z.string().nullable(),
  ownerId: z.string().nullable(),
  state: enrollmentStateSchema,
  stateReason: z.string().nullable(),
  stateChangedAt: isoDateSchema,
  stepsDone: z.number().int(),
  stepCount: z.number().int(),
  nextRunAt: isoDateSchema.nullable(),
  thread: z.record(z.string(), z.unknown()),
  createdAt: isoDateSchema,
});
export type Enrollment = z.infer<typeof enrollmentSchema>;

export const suppressionWriteSchema = z
  .object({
    kind: z.enum(["address", "domain"]),
    value: z
      .string()
      .trim()
      .min(3)
      .max(254)
      .transform((v) => v.toLowerCase()),
    reason: z.enum(["unsubscribe", "hard_bounce", "complaint", "manual"]).default("manual"),
    note: z.string().max(1000).optional(),
  })
  .strict()
  .refine((v) => (v.kind === "address" ? /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v.value) : /^[a-z0-9.-]+\.[a-z]{2,}$/.test(v.value)), {
    message: "value must be an email address (kind address) or a domain such as example.com (kind domain)",
    path: ["value"],
  });

/** An outbox or SMTP mailbox (Gmail and Microsoft connect through OAuth). SMTP needs host, port, username, password. */
export const mailboxCreateSchema = z
  .object({
    kind: z.enum(["outbox", "smtp"]),
    email: emailSchema,
    displayName: z.string().max(200).optional(),
    host: z.string().trim().min(1).max(253).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    secure: z.boolean().default(false),
    username: z.string().max(320).optional(),
    password: z.string().max(1000).optional(),
    dailyCap: z.number().int().min(1).max(100_000).optional(),
    // SMTP: where replies are read (same username/password). Default: the SMTP host with "smtp." → "imap.", port 993, TLS.
    imap: z
      .object({
        host: z.string().trim().min(1).max(253),
        port: z.number().int().min(1).max(65535).default(993),
        secure: z.boolean().default(true),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind !== "smtp") return;
    for (const field of ["host", "port", "username", "password"] as const) {
      if (v[field] === undefined) ctx.addIssue({ code: "custom", message: "is required for an SMTP mailbox", path: [field] });
    }
  });

export const mailboxSchema = z.object({
  id: z.string(),
  userId: z.string(),
  kind: z.enum(["outbox", "gmail", "microsoft", "smtp"]),
  email: z.string(),
  displayName: z.string().nullable(),
  dailyCap: z.number().int(),
  active: z.boolean(),
  // Graph's JSON API only allows x-* custom headers: no List-Unsubscribe on Microsoft 365 mailboxes.
  supportsListUnsubscribe: z.boolean(),
  createdAt: isoDateSchema,
});

export const suppressionSchema = z.object({
  id: z.string(),
  kind: z.enum(["address", "domain", "address_hash"]),
  value: z.string(),
  reason: z.enum(["unsubscribe", "hard_bounce", "complaint", "manual", "erasure"]),
  note: z.string().nullable(),
  createdAt: isoDateSchema,
});

export const outboxMessageSchema = z.object({
  id: z.string(),
  mailboxId: z.string().nullable(),
  sendJobId: z.string().nullable(),
  idempotencyKey: z.string().nullable(),
  messageId: z.string(),
  // Full RFC 5322 source, exactly as it would have been sent.
  raw: z.string(),
  createdAt: isoDateSchema,
});
