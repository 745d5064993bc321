import { z } from "zod";

/** Per-sequence stop rules (sequences.settings.stopRules). */
export const stopRulesSchema = z
  .object({
    // A reply from anyone at the contact's company domain stops every active enrollment at that domain.
    stopCompanyOnReply: z.boolean().default(false),
    // Out-of-office without a readable return date: resume after this many business days.
    autoReplyDefaultPauseDays: z.number().int().min(1).max(60).default(5),
    // Soft bounces before the address is treated as hard-bounced.
    softBounceLimit: z.number().int().min(1).max(10).default(3),
    // A soft-bounced step is retried this many hours later.
    softBounceRetryHours: z.number().int().min(1).max(168).default(24),
  })
  .strict();
export type StopRules = z.infer<typeof stopRulesSchema>;

/** Per-sequence hand-off rules (sequences.settings.handoff): when intent shows, a person takes over. */
export const handoffRulesSchema = z
  .object({
    onReply: z.boolean().default(true),
    onBuyingSignalClick: z.boolean().default(true),
    // Human opens (machine opens never count) at or above which the rep takes over; null = off.
    humanOpensAtLeast: z.number().int().min(1).max(100).nullable().default(3),
    // The hand-off task is due this many hours after the signal.
    taskDueHours: z.number().min(0).max(720).default(4),
  })
  .strict();
export type HandoffRules = z.infer<typeof handoffRulesSchema>;

/** Workspace setting (workspaces.settings.inquiryReminderHours): a new inbound inquiry left unanswered this long gets a reminder task. */
export const inquiryReminderHoursSchema = z
  .number()
  .min(0.05)
  .max(24 * 14)
  .default(24);

/** Reads the inbound rules out of a stored settings object, falling back to defaults for anything invalid. */
export function readInboundRules(settings: Record<string, unknown> | null | undefined): {
  stop: StopRules;
  handoff: HandoffRules;
} {
  const stop = stopRulesSchema.safeParse(settings?.stopRules ?? {});
  const handoff = handoffRulesSchema.safeParse(settings?.handoff ?? {});
  return {
    stop: stop.success ? stop.data : stopRulesSchema.parse({}),
    handoff: handoff.success ? handoff.data : handoffRulesSchema.parse({}),
  };
}
