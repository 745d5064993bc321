import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { compactNumber, type StepFunnelRow } from "./analytics-data";

// Colour-blind-safe (Okabe–Ito) and distinguishable in greyscale by lightness.
const series = [
  { key: "sent", name: "Sent", color: "#0072B2" },
  { key: "openedHuman", name: "Opened", color: "#56B4E9" },
  { key: "clickedHuman", name: "Clicked", color: "#E69F00" },
  { key: "replied", name: "Replied", color: "#009E73" },
] as const;

/** Funnel per step: sent → opened (people, not proxies) → clicked → replied, one group of bars per step. */
export function StepFunnelChart({ steps, width }: { steps: StepFunnelRow[]; width: number }) {
  const barGroup = 4 * 9 + 10;
  const height = Math.max(140, steps.length * barGroup + 60);
  return (
    <BarChart
      width={width}
      height={height}
      data={steps}
      layout="vertical"
      margin={{ top: 4, right: 8, bottom: 4, left: 0 }}
      barCategoryGap={6}
      accessibilityLayer
    >
      <CartesianGrid horizontal={false} strokeDasharray="3 3" />
      <XAxis type="number" tickFormatter={compactNumber} tick={{ fontSize: 10 }} allowDecimals={false} />
      <YAxis type="category" dataKey="label" width={64} tick={{ fontSize: 11 }} />
      <Tooltip formatter={(v) => compactNumber(Number(v))} />
      <Legend wrapperStyle={{ fontSize: 11 }} iconSize={8} itemSorter={null} />
      {series.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} barSize={8} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}
