import { analyticsAbTestSchema, analyticsHeatmapSchema, analyticsSummarySchema } from "@threadline/shared/schemas";
import type { SequenceAnalyticsData, SequenceAnalyticsQuery } from "@threadline/shared/ui";
import { backendRequest } from "../backend-request";
import { handleMessage } from "../handle-message";

// The Analytics tab: one sequence's funnel per step, reply rate per A/B variant and reply heatmap.
export default handleMessage<SequenceAnalyticsQuery, SequenceAnalyticsData>(async ({ sequenceId, from, to }) => {
  const range = { sequenceId, from, to };
  const [summary, ab, heatmap] = await Promise.all([
    backendRequest({ path: "/api/v1/analytics/summary", query: { ...range, groupBy: "step" }, schema: analyticsSummarySchema }),
    backendRequest({ path: "/api/v1/analytics/ab-tests", query: range, schema: analyticsAbTestSchema }),
    backendRequest({ path: "/api/v1/analytics/heatmap", query: range, schema: analyticsHeatmapSchema }),
  ]);
  return {
    steps: summary.rows,
    variants: ab.steps.filter((s) => s.sequenceId === sequenceId && s.variants.length > 1),
    heatmap: { weekdays: heatmap.weekdays, replies: heatmap.replies },
  };
});
