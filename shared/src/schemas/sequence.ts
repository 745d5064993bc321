import { z } from "zod";
import { emailSchema, idSchema, isoDateSchema, somethingToChange, timeZoneSchema } from "./common";
import { sequenceSettingsSchema } from "./sequence-settings";

export const emailVariantSchema = z
  .object({
    id: z.string().trim().min(1).max(20),
    // A variant replaces the step's subject, its body, or both (a template, or inline text); the rest comes from the step.
    subject: z.string().max(998).optional(),
    bodyHtml: z.string().max(200_000).optional(),
    templateId: idSchema.optional(),
    // Share of enrollments that get this variant, in percent; a step's variants add up to 100.
    weight: z.number().int().min(0).max(100).default(50),
  })
  .strict()
  .refine((v) => v.templateId || v.subject !== undefined || v.bodyHtml !== undefined, {
    message: "a variant needs a subject, a body or a template",
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
    title: z.string().trim().min(1, "is empty").max(300),
    note: z.string().max(5000).optional(),
    // Who gets the task; default the enrollment's owner.
    assigneeId: idSchema.optional(),
  })
  .strict();
export type TaskStepConfig = z.infer<typeof taskStepConfigSchema>;

const delay = {
  delayAmount: z.number().int().min(0, "must be 0 or more").max(365).default(0),
  delayUnit: z.enum(["business_days", "hours"]).default("business_days"),
};

const stepObject = z.object({ kind: z.enum(["email", "task"]), ...delay, config: z.record(z.string(), z.unknown()) }).strict();
type StepObject = z.infer<typeof stepObject>;
export type StepWrite =
  | { kind: "email"; delayAmount: number; delayUnit: "business_days" | "hours"; config: EmailStepConfig }
  | { kind: "task"; delayAmount: number; delayUnit: "business_days" | "hours"; config: TaskStepConfig };

/** Checks `config` against the step kind's schema and the A/B split; issues are reported under `config.…`. */
function checkStep(v: StepObject, ctx: z.core.$RefinementCtx): StepWrite | typeof z.NEVER {
  const parsed = v.kind === "email" ? emailStepConfigSchema.safeParse(v.config) : taskStepConfigSchema.safeParse(v.config);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const extra = issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : issue.message;
      ctx.addIssue({ code: "custom", message: extra, path: ["config", ...issue.path] });
    }
    return z.NEVER;
  }
  if (v.kind === "task")
    return { kind: "task", delayAmount: v.delayAmount, delayUnit: v.delayUnit, config: parsed.data as TaskStepConfig };
  const config = parsed.data as EmailStepConfig;
  const variants = config.variants ?? [];
  if (variants.length) {
    const total = variants.reduce((sum, x) => sum + x.weight, 0);
    if (total !== 100)
      ctx.addIssue({ code: "custom", path: ["config", "variants"], message: `the split adds up to ${total}%, not 100%` });
    const ids = variants.map((x) => x.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: "custom", path: ["config", "variants"], message: "variant ids repeat" });
  }
  // Every variant must end up with a body: its own, or the step's.
  const stepBody = config.templateId !== undefined || config.bodyHtml !== undefined;
  if (!stepBody && (variants.length === 0 || variants.some((x) => !x.templateId && x.bodyHtml === undefined))) {
    ctx.addIssue({ code: "custom", path: ["config", "bodyHtml"], message: "an email step needs a template or a body" });
  }
  return { kind: "email", delayAmount: v.delayAmount, delayUnit: v.delayUnit, config };
}

/**
 * One step as written by a client. A strict object first (an unknown field is named in the error even when
 * `kind` is missing), then `config` is checked against the step kind's schema.
 */
export const stepWriteSchema = stepObject.transform(checkStep);

/** A step in a full sequence write (PUT): `id` keeps an existing step (its enrollments stay on it); none = new. */
export const stepPutSchema = stepObject.extend({ id: idSchema.optional() }).transform((v, ctx) => {
  const { id, ...rest } = v;
  const step = checkStep(rest, ctx);
  return { ...step, id } as StepWrite & { id: string | undefined };
});
export type StepPut = z.infer<typeof stepPutSchema>;

export const sequenceStatuses = ["draft", "active", "paused", "archived"] as const;
export const sequenceStatusSchema = z.enum(sequenceStatuses);
export type SequenceStatus = z.infer<typeof sequenceStatusSchema>;

const sequenceFields = {
  name: z.string().trim().min(1, "is empty").max(200),
  visibility: z.enum(["shared", "private"]),
  timeZone: timeZoneSchema,
  // Sends of this sequence per day, all mailboxes together.
  dailyCap: z.number().int().min(1).max(100_000),
};

export const sequenceWriteSchema = z
  .object({
    ...sequenceFields,
    visibility: sequenceFields.visibility.default("shared"),
    timeZone: sequenceFields.timeZone.default("UTC"),
    dailyCap: sequenceFields.dailyCap.default(200),
    // "draft": saved, nobody can be enrolled until it is activated. Default "active" (API clients enrol at once).
    status: z.enum(["draft", "active"]).default("active"),
    settings: sequenceSettingsSchema.optional(),
    steps: z.array(stepWriteSchema).max(30).optional(),
  })
  .strict();

/** The whole sequence as the builder saves it (PUT, and the edit preview): steps in order, kept by id. */
export const sequencePutSchema = z
  .object({
    ...sequenceFields,
    visibility: sequenceFields.visibility.default("shared"),
    timeZone: sequenceFields.timeZone.default("UTC"),
    dailyCap: sequenceFields.dailyCap.default(200),
    settings: sequenceSettingsSchema.prefault({}),
    steps: z.array(stepPutSchema).max(30, "a sequence has at most 30 steps"),
  })
  .strict();
export type SequencePut = z.infer<typeof sequencePutSchema>;

export const sequenceUpdateSchema = somethingToChange(
  z
    .object({
      name: sequenceFields.name.optional(),
      visibility: sequenceFields.visibility.optional(),
      timeZone: sequenceFields.timeZone.optional(),
      dailyCap: sequenceFields.dailyCap.optional(),
      settings: sequenceSettingsSchema.optional(),
      // Kept for older clients: true archives, false brings an archived sequence back as paused.
      archived: z.boolean().optional(),
    })
    .strict(),
);

/** Enrollment counts of a sequence; replyRate = replied / enrolled (0 when nobody is enrolled). */
export const sequenceStatsSchema = z.object({
  enrolled: z.number().int(),
  active: z.number().int(),
  paused: z.number().int(),
  finished: z.number().int(),
  replied: z.number().int(),
  bounced: z.number().int(),
  unsubscribed: z.number().int(),
  stopped: z.number().int(),
  replyRate: z.number(),
});
export type SequenceStats = z.infer<typeof sequenceStatsSchema>;

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
  status: sequenceStatusSchema,
  /** status === "archived" (older clients read this). */
  archived: z.boolean(),
  settings: sequenceSettingsSchema,
  steps: z.array(stepSchema),
  stats: sequenceStatsSchema,
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

/** PATCH /mailboxes/{id}: sending limits and pause/resume. */
export const mailboxUpdateSchema = z
  .object({
    dailyCap: z.number().int().min(1).max(100_000).optional(),
    minSpacingSeconds: z.number().int().min(0).max(86_400).optional(),
    paused: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to change: send dailyCap, minSpacingSeconds or paused" });

export const mailboxSchema = z.object({
  id: z.string(),
  userId: z.string(),
  kind: z.enum(["outbox", "gmail", "microsoft", "smtp"]),
  email: z.string(),
  displayName: z.string().nullable(),
  dailyCap: z.number().int(),
  /** Least seconds between two sends of this mailbox (the provider's own minimum still applies on top). */
  minSpacingSeconds: z.number().int(),
  /** Sending paused by a person: its due sends wait until resumed. Replies are still read. */
  paused: z.boolean(),
  /** false once disconnected (credentials erased; history kept). */
  active: z.boolean(),
  // Graph's JSON API only allows x-* custom headers: no List-Unsubscribe on Microsoft 365 mailboxes.
  supportsListUnsubscribe: z.boolean(),
  /** When replies were last read from this mailbox (null: never yet; the test outbox has no inbound). */
  lastSyncAt: isoDateSchema.nullable(),
  /** The last inbound failure in words (null once a later sync succeeded). */
  lastError: z.string().nullable(),
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

/**
 * What saving an edited sequence does to enrollments in flight (active or paused), by the engine's own rules:
 * a queued send whose step stays is re-timed (new wait or window), one whose step is deleted is cancelled and the
 * enrollment moves on to the next live step, a step inserted before an enrollment's position is skipped by it,
 * and an enrollment with no step left finishes. A sent step is never sent again.
 */
export const sequenceEditPreviewSchema = z.object({
  inFlight: z.number().int(),
  retimed: z.number().int(),
  cancelled: z.number().int(),
  movedToOtherStep: z.number().int(),
  skipInserted: z.number().int(),
  finishing: z.number().int(),
  unchanged: z.number().int(),
  steps: z.object({ added: z.number().int(), deleted: z.number().int(), changed: z.number().int() }),
  /** The same counts as sentences a person can read ("3 queued sends are re-timed"). */
  lines: z.array(z.string()),
});
export type SequenceEditPreview = z.infer<typeof sequenceEditPreviewSchema>;
