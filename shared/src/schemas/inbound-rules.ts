import { z } from "zod";

/**
 * Per-sequence stop rules (sequences.settings.stopRules). A human reply always stops the enrollment; these are
 * the rules on top of that.
 */
export const stopRulesSchema = z
  .object({
    // A reply from anyone at the contact's company domain stops every active enrollment at that domain.
    stopCompanyOnReply: z.boolean().default(false),
    // A human click on any tracked link stops the enrollment (the rep follows up by hand).
    stopOnLinkClick: z.boolean().default(false),
    // A person changing the contact's stage (lead → qualified …) stops the contact's enrollments in this sequence.
    stopOnStageChange: z.boolean().default(false),
    // Out-of-office with a readable return date: resume on the Nth business day after that date.
    autoReplyResumeBusinessDays: z.number().int().min(1).max(30).default(1),
    // Out-of-office without a readable return date: resume after this many business days.
    autoReplyDefaultPauseDays: z.number().int().min(1).max(60).default(5),
    // Soft bounces before the address is treated as hard-bounced.
    softBounceLimit: z.number().int().min(1).max(10).default(3),
    // A soft-bounced step is retried this many hours later.
    softBounceRetryHours: z.number().int().min(1).max(168).default(24),
  })
  .strict();
export type StopRules = z.infer<typeof stopRulesSchema>;

// A link prefix such as https://shop.example/pricing (scheme optional; compared without scheme and "www.").
const urlPrefixSchema = z
  .string()
  .trim()
  .min(3)
  .max(500)
  .regex(/^(https?:\/\/)?[^\s/]+\.[^\s/]+(\/\S*)?$/i, "must be a link such as https://shop.example/pricing");

/** What a hand-off does (sequences.settings.handoff.actions). */
export const handoffActionsSchema = z
  .object({
    // An open "Take over" task for the enrollment's owner (else the contact's, else the sequence's).
    createTask: z.boolean().default(true),
    // The enrollment stops sending until a person resumes it.
    pauseEnrollment: z.boolean().default(true),
    // The contact is flagged hot on the card and in lists.
    flagHot: z.boolean().default(true),
  })
  .strict();

/** Per-sequence hand-off rules (sequences.settings.handoff): when intent shows, a person takes over. */
export const handoffRulesSchema = z
  .object({
    onReply: z.boolean().default(true),
    onBuyingSignalClick: z.boolean().default(true),
    // Links that count as a buying signal (pricing page, quote form …), matched as prefixes.
    buyingSignalUrls: z.array(urlPrefixSchema).max(20).default([]),
    // Human opens (machine opens never count) at or above which the rep takes over; null = off.
    humanOpensAtLeast: z.number().int().min(1).max(100).nullable().default(3),
    // The hand-off task is due this many hours after the signal.
    taskDueHours: z.number().min(0).max(720).default(4),
    actions: handoffActionsSchema.prefault({}),
  })
  .strict();
export type HandoffRules = z.infer<typeof handoffRulesSchema>;

/** Workspace setting (workspaces.settings.inquiryReminderHours): a new inbound inquiry left unanswered this long gets a reminder task. */
export const inquiryReminderHoursSchema = z
  .number()
  .min(0.05)
  .max(24 * 14)
  .default(24);
