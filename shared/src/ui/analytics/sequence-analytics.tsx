import type { ReactNode } from "react";
import type { RepliesHeatmap, StepFunnelRow, VariantStep } from "./analytics-data";
import { ReplyHeatmapChart } from "./reply-heatmap-chart";
import { StepFunnelChart } from "./step-funnel-chart";
import { VariantReplyChart } from "./variant-reply-chart";

export interface SequenceAnalyticsProps {
  /** e.g. the sequence name and the date range. */
  title: string;
  /** GET /api/v1/analytics/summary?groupBy=step → rows. */
  steps: StepFunnelRow[];
  /** GET /api/v1/analytics/ab-tests → steps (only steps with variants). */
  variants: VariantStep[];
  /** GET /api/v1/analytics/heatmap. */
  heatmap: RepliesHeatmap;
  /** Drawing width in px; the sidebar is about 320. */
  width?: number;
}

function Section(props: { title: string; hint: string; empty: string | null; children: ReactNode }) {
  return (
    <section className="mb-4" aria-label={props.title}>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{props.title}</h3>
      <p className="mb-1 text-[11px] text-slate-500">{props.hint}</p>
      {props.empty ? <p className="rounded bg-slate-50 p-3 text-xs text-slate-500">{props.empty}</p> : props.children}
    </section>
  );
}

/**
 * Sequences analytics for the sidebar: funnel per step, reply rate per variant, replies by the
 * recipient's local hour × weekday. Data in through props (the host fetches); nothing is fetched here.
 */
export function SequenceAnalytics({ title, steps, variants, heatmap, width = 320 }: SequenceAnalyticsProps) {
  const chartWidth = Math.max(240, width - 16);
  const totalReplies = heatmap.replies.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  const variantSteps = variants.filter((s) => s.variants.length > 0);
  return (
    <div className="p-2 text-slate-800" style={{ width }}>
      <h2 className="mb-2 text-sm font-semibold">{title}</h2>
      <Section
        title="Funnel per step"
        hint="Opens and clicks count people only; proxy and scanner opens are left out."
        empty={steps.length === 0 ? "Nothing sent in this period yet." : null}
      >
        <StepFunnelChart steps={steps} width={chartWidth} />
      </Section>
      <Section
        title="Reply rate per variant"
        hint="Replies ÷ delivered, per A/B variant."
        empty={variantSteps.length === 0 ? "No A/B variants in this sequence." : null}
      >
        <VariantReplyChart steps={variantSteps} width={chartWidth} />
      </Section>
      <Section
        title="Replies by local time"
        hint="In each recipient's own time zone."
        empty={totalReplies === 0 ? "No replies yet." : null}
      >
        <ReplyHeatmapChart heatmap={heatmap} width={chartWidth} />
      </Section>
    </div>
  );
}
