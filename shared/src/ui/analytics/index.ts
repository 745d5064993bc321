export { AnalyticsPanel, type AnalyticsPanelProps } from "./analytics-panel";
export { SequenceAnalytics, type SequenceAnalyticsProps } from "./sequence-analytics";
export type { RepliesHeatmap, SequenceAnalyticsData, SequenceAnalyticsQuery, StepFunnelRow, VariantStep } from "./analytics-data";
