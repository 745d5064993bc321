import { z } from "zod";
import {
  handoffRulesSchema,
  inquiryReminderHoursSchema,
  stopRulesSchema,
  type HandoffRules,
  type StopRules,
} from "./inbound-rules";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be a local time HH:MM (00:00–24:00)");
const isoDay = z.number().int().min(1, "1 = Monday").max(7, "7 = Sunday");
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");
const utmValue = z
  .string()
  .trim()
  .min(1, "is empty")
  .max(100)
  .regex(/^[\w.~-]+$/, "may hold letters, digits and . _ ~ - only");

/**
 * Every per-sequence setting the engine reads (stored in sequences.settings): the scheduler (window, clock, days,
 * holidays, spacing, caps), the message builder (tracking, UTM, unsubscribe) and the inbound/tracking rules
 * (stopRules, handoff). A setting the engine reads must be here; `readSequenceSettings` is the only reader.
 */
const settingsObject = z
  .object({
    window: z
      .object({
        start: hhmm.default("09:00"),
        // Earlier than `start`: the window runs past midnight (22:00–02:00). Equal to `start`: refused (no hours).
        end: hhmm.default("17:00"),
        // ISO weekdays on which a window opens (1 = Monday … 7 = Sunday).
        days: z.array(isoDay).min(1, "needs at least one day").max(7).default([1, 2, 3, 4, 5]),
      })
      .strict()
      .prefault({}),
    // Whose clock the window is read in: the recipient's (their zone, else a guess from their country, else the
    // sequence's zone) or always the sequence's zone.
    clock: z.enum(["recipient", "sequence"]).default("recipient"),
    // When the contact's country rests on other days (Saudi Arabia: Friday–Saturday), use that country's weekend.
    weekendByCountry: z.boolean().default(true),
    // Extra per-country weekend overrides, e.g. { "AE": [6, 7] }.
    countryWeekends: z
      .record(z.string().regex(/^[A-Z]{2}$/, "must be a country code such as AE"), z.array(isoDay).max(7))
      .default({}),
    // Local dates (in the recipient's zone) on which nothing is sent.
    holidays: z.array(localDate).max(500).default([]),
    trackOpens: z.boolean().default(true),
    trackClicks: z.boolean().default(true),
    // UTM parameters added to every tracked link (links that already carry one keep theirs). Campaign null = the
    // sequence's name.
    utm: z
      .object({
        enabled: z.boolean().default(false),
        source: utmValue.default("threadline"),
        medium: utmValue.default("email"),
        campaign: utmValue.nullable().default(null),
      })
      .strict()
      .prefault({}),
    // One-to-one sequences may opt out of List-Unsubscribe and the visible unsubscribe line.
    includeUnsubscribe: z.boolean().default(true),
    // At most this many sends of this sequence per mailbox per day (null: only the mailbox's own cap applies).
    mailboxDailyCap: z.number().int().min(1).max(100_000).nullable().default(null),
    // Minimum gap between two sends of the same mailbox, plus random jitter up to jitterSeconds.
    minSpacingSeconds: z.number().int().min(0).max(3600).default(0),
    jitterSeconds: z.number().int().min(0).max(3600).default(0),
    stopRules: stopRulesSchema.prefault({}),
    handoff: handoffRulesSchema.prefault({}),
  })
  .strict();

/** Settings that parse field by field but contradict each other: refused with the field named. */
function checkConsistency(s: z.infer<typeof settingsObject>, ctx: z.core.$RefinementCtx) {
  if (s.window.start === s.window.end) {
    ctx.addIssue({
      code: "custom",
      path: ["window", "end"],
      message: `the window has no hours (ends when it starts, ${s.window.start})`,
    });
  }
  for (const [country, rest] of Object.entries(s.countryWeekends)) {
    if (new Set(rest).size >= 7)
      ctx.addIssue({ code: "custom", path: ["countryWeekends", country], message: "leaves no day to send" });
  }
}

export const sequenceSettingsSchema = settingsObject.superRefine(checkConsistency);
export type SequenceSettings = z.infer<typeof sequenceSettingsSchema>;
export const defaultSequenceSettings = (): SequenceSettings => sequenceSettingsSchema.parse({});

/**
 * The one reader of stored settings: never throws. A valid object is taken as is; otherwise each top-level
 * setting is read on its own (an invalid or unknown one falls back to its default), so one bad value in an old
 * row does not reset the rest.
 */
export function readSequenceSettings(raw: unknown): SequenceSettings {
  const whole = sequenceSettingsSchema.safeParse(raw ?? {});
  if (whole.success) return whole.data;
  const obj = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(settingsObject.shape)) {
    const one = (schema as z.ZodType).safeParse(obj[key]);
    out[key] = one.success ? one.data : (schema as z.ZodType).parse(undefined);
  }
  return out as SequenceSettings;
}

/** The stop and hand-off rules of a stored settings object (inbound and tracking read these). */
export function readInboundRules(settings: unknown): { stop: StopRules; handoff: HandoffRules } {
  const s = readSequenceSettings(settings);
  return { stop: s.stopRules, handoff: s.handoff };
}

/** Workspace-wide settings the engine reads (workspaces.settings). */
export const workspaceSettingsSchema = z
  .object({
    // A new inbound inquiry (a message from someone outside our threads) unanswered this long → a reminder task.
    inquiryReminderHours: inquiryReminderHoursSchema,
  })
  .strict();
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;
export const workspaceSettingsUpdateSchema = z
  .object({
    inquiryReminderHours: z
      .number()
      .min(0.05)
      .max(24 * 14),
  })
  .strict();

export function readWorkspaceSettings(raw: unknown): WorkspaceSettings {
  const obj = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const hours = inquiryReminderHoursSchema.safeParse(obj.inquiryReminderHours ?? undefined);
  return { inquiryReminderHours: hours.success ? hours.data : 24 };
}
