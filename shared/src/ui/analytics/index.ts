export { SequenceAnalytics, type SequenceAnalyticsProps } from "./sequence-analytics";
export type { RepliesHeatmap, StepFunnelRow, VariantStep } from "./analytics-data";
