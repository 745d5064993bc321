// The data the Sequences analytics view draws, as the analytics API (/api/v1/analytics/…) returns it.
// Structural subsets of shared/src/schemas/analytics.ts (summary?groupBy=step, ab-tests, heatmap), so
// the API's objects can be passed straight in.

/** One row of GET /analytics/summary?groupBy=step. */
export interface StepFunnelRow {
  key: string;
  label: string;
  sent: number;
  delivered: number;
  openedHuman: number;
  clickedHuman: number;
  replied: number;
}

/** One step of GET /analytics/ab-tests. */
export interface VariantStep {
  stepId: string;
  label: string;
  variants: { variant: string; delivered: number; replied: number; replyRate: number | null }[];
}

/** GET /analytics/heatmap: rows = weekday (0 = Monday), columns = hour 0–23, recipient-local. */
export interface RepliesHeatmap {
  weekdays: string[];
  replies: number[][];
}

export interface HeatCell {
  weekday: number;
  hour: number;
  count: number;
  /** 0…1 of the busiest cell; 0 when there are no replies at all. */
  intensity: number;
}

/** Every weekday × hour cell with its share of the busiest one (missing rows/columns count as 0). */
export function heatCells(heatmap: RepliesHeatmap): HeatCell[] {
  const cells: HeatCell[] = [];
  let max = 0;
  for (let d = 0; d < 7; d++)
    for (let h = 0; h < 24; h++) {
      const count = heatmap.replies[d]?.[h] ?? 0;
      max = Math.max(max, count);
      cells.push({ weekday: d, hour: h, count, intensity: 0 });
    }
  for (const c of cells) c.intensity = max > 0 ? c.count / max : 0;
  return cells;
}

export interface VariantBar {
  name: string;
  step: string;
  variant: string;
  /** Reply rate in percent, one decimal; null when nothing was delivered. */
  replyPct: number | null;
  delivered: number;
  replied: number;
}

/** One bar per step × variant, labelled "Step 2 · B" (the step is left out when there is only one). */
export function variantBars(steps: VariantStep[]): VariantBar[] {
  const many = steps.length > 1;
  return steps.flatMap((s) =>
    s.variants.map((v) => ({
      name: many ? `${s.label} · ${v.variant}` : v.variant,
      step: s.label,
      variant: v.variant,
      replyPct: v.replyRate === null ? null : Math.round(v.replyRate * 1000) / 10,
      delivered: v.delivered,
      replied: v.replied,
    })),
  );
}

/** "1,234" / "12.5k" so axis labels fit a 320 px sidebar. */
export function compactNumber(n: number): string {
  if (Math.abs(n) < 10_000) return n.toLocaleString("en-US");
  return `${(n / 1000).toFixed(n < 100_000 ? 1 : 0)}k`;
}

/** What the analytics view asks the host for: one sequence, sends in [from, to). */
export interface SequenceAnalyticsQuery {
  sequenceId: string;
  from: string;
  to: string;
}

export interface SequenceAnalyticsData {
  steps: StepFunnelRow[];
  variants: VariantStep[];
  heatmap: RepliesHeatmap;
}
