import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import { variantBars, type VariantStep } from "./analytics-data";

/** Reply rate per A/B variant (percent of delivered), one horizontal bar per step × variant. */
export function VariantReplyChart({ steps, width }: { steps: VariantStep[]; width: number }) {
  const bars = variantBars(steps).map((b) => ({ ...b, value: b.replyPct ?? 0 }));
  const height = Math.max(100, bars.length * 26 + 40);
  return (
    <BarChart
      width={width}
      height={height}
      data={bars}
      layout="vertical"
      margin={{ top: 4, right: 40, bottom: 4, left: 0 }}
      accessibilityLayer
    >
      <CartesianGrid horizontal={false} strokeDasharray="3 3" />
      <XAxis type="number" unit="%" tick={{ fontSize: 10 }} domain={[0, (max: number) => Math.max(5, Math.ceil(max))]} />
      <YAxis type="category" dataKey="name" width={88} tick={{ fontSize: 11 }} />
      <Tooltip
        formatter={(_v, _n, item) => {
          const b = item.payload as (typeof bars)[number];
          return [b.replyPct === null ? "nothing delivered" : `${b.replyPct}% (${b.replied}/${b.delivered})`, "Reply rate"];
        }}
      />
      <Bar dataKey="value" name="Reply rate" fill="#009E73" barSize={14} isAnimationActive={false}>
        <LabelList
          dataKey="replyPct"
          position="right"
          fontSize={10}
          formatter={(v: unknown) => (v === null ? "–" : `${String(v)}%`)}
        />
      </Bar>
    </BarChart>
  );
}
