import { z } from "zod";
import { idSchema, isoDateSchema } from "./common";

const MAX_RANGE_DAYS = 400;

export const analyticsGroupBys = ["sequence", "step", "variant", "template", "owner"] as const;
export const analyticsGroupBySchema = z.enum(analyticsGroupBys);
export type AnalyticsGroupBy = z.infer<typeof analyticsGroupBySchema>;

/** Date range (sends whose sent_at is in [from, to)) and an optional sequence filter. */
export const analyticsRangeQuerySchema = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    sequenceId: idSchema.optional(),
  })
  .strict()
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: "from must be before to", path: ["to"] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_RANGE_DAYS * 86_400_000, {
    message: `the range may span at most ${MAX_RANGE_DAYS} days`,
    path: ["to"],
  });
export type AnalyticsRangeQuery = z.infer<typeof analyticsRangeQuerySchema>;

export const analyticsSummaryQuerySchema = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    sequenceId: idSchema.optional(),
    groupBy: analyticsGroupBySchema.default("sequence"),
  })
  .strict()
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: "from must be before to", path: ["to"] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_RANGE_DAYS * 86_400_000, {
    message: `the range may span at most ${MAX_RANGE_DAYS} days`,
    path: ["to"],
  });
export type AnalyticsSummaryQuery = z.infer<typeof analyticsSummaryQuerySchema>;

export const analyticsMetricsSchema = z.object({
  enrolled: z.number().int(),
  sent: z.number().int(),
  /** sent − bounced */
  delivered: z.number().int(),
  /** Messages with at least one human open. */
  openedHuman: z.number().int(),
  /** Messages with at least one machine open (Apple/Gmail proxy, scanner, prefetch) — never counted as opened. */
  openedMachine: z.number().int(),
  /** Messages with at least one human click. */
  clickedHuman: z.number().int(),
  replied: z.number().int(),
  bounced: z.number().int(),
  unsubscribed: z.number().int(),
  /** replied / delivered; null when nothing was delivered. */
  replyRate: z.number().nullable(),
  medianTimeToReplyMs: z.number().nullable(),
  /**
   * groupBy=template only: hand-written messages the template was inserted into from the sidebar and tracked for
   * opens (created in [from, to)). Kept apart from the sequence figures above: whether such a message was sent,
   * bounced or answered is not known, so it never enters sent, delivered or the reply rate.
   */
  handInserted: z
    .object({ tracked: z.number().int(), openedHuman: z.number().int(), openedMachine: z.number().int() })
    .optional(),
});
export type AnalyticsMetrics = z.infer<typeof analyticsMetricsSchema>;

export const analyticsSummarySchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  groupBy: analyticsGroupBySchema,
  rows: z.array(analyticsMetricsSchema.extend({ key: z.string(), label: z.string() })),
  total: analyticsMetricsSchema,
  definitions: z.record(z.string(), z.string()),
});
export type AnalyticsSummary = z.infer<typeof analyticsSummarySchema>;

export const analyticsHeatmapSchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  /** Row = ISO weekday (0 = Monday … 6 = Sunday), column = hour 0–23, in each recipient's local time. */
  weekdays: z.array(z.string()),
  replies: z.array(z.array(z.number().int())),
  humanOpens: z.array(z.array(z.number().int())),
  /** How recipients' zones were found: the contact's zone, a guess from the country, or UTC. */
  zones: z.object({ contact: z.number().int(), guessedFromCountry: z.number().int(), utcFallback: z.number().int() }),
});
export type AnalyticsHeatmap = z.infer<typeof analyticsHeatmapSchema>;

const variantStatsSchema = z.object({
  variant: z.string(),
  delivered: z.number().int(),
  replied: z.number().int(),
  replyRate: z.number().nullable(),
});

export const analyticsAbTestSchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  test: z.string(),
  steps: z.array(
    z.object({
      sequenceId: z.string(),
      stepId: z.string(),
      label: z.string(),
      variants: z.array(variantStatsSchema),
      comparisons: z.array(
        z.object({
          control: z.string(),
          challenger: z.string(),
          difference: z.number().nullable(),
          z: z.number().nullable(),
          pValue: z.number().nullable(),
          significant: z.boolean(),
          verdict: z.string(),
        }),
      ),
    }),
  ),
});
export type AnalyticsAbTest = z.infer<typeof analyticsAbTestSchema>;
