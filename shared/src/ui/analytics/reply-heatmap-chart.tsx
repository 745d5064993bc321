import { CartesianGrid, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { heatCells, type HeatCell, type RepliesHeatmap } from "./analytics-data";

const defaultDays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const margin = { top: 4, right: 6, bottom: 4, left: 0 };
const yAxisWidth = 30;

/** Replies by the recipient's local hour (columns) × weekday (rows); darker = more replies. */
export function ReplyHeatmapChart({ heatmap, width }: { heatmap: RepliesHeatmap; width: number }) {
  const days = heatmap.weekdays.length === 7 ? heatmap.weekdays.map((d) => d.slice(0, 3)) : defaultDays;
  const cells = heatCells(heatmap);
  const cellW = (width - margin.left - margin.right - yAxisWidth) / 24;
  const cellH = Math.max(12, Math.round(cellW * 1.2));
  const height = cellH * 7 + 30 + margin.top + margin.bottom;
  const Cell = (props: { cx?: number; cy?: number; payload?: HeatCell }) => {
    const { cx = 0, cy = 0, payload } = props;
    const intensity = payload?.intensity ?? 0;
    return (
      <rect
        data-testid="heat-cell"
        data-count={payload?.count ?? 0}
        x={cx - cellW / 2 + 0.5}
        y={cy - cellH / 2 + 0.5}
        width={Math.max(1, cellW - 1)}
        height={cellH - 1}
        rx={1.5}
        fill={intensity === 0 ? "#f1f5f9" : `rgba(0, 114, 178, ${0.15 + 0.85 * intensity})`}
      />
    );
  };
  return (
    <ScatterChart width={width} height={height} margin={margin} accessibilityLayer>
      <CartesianGrid stroke="none" />
      <XAxis
        type="number"
        dataKey="hour"
        domain={[-0.5, 23.5]}
        ticks={[0, 6, 12, 18, 23]}
        tick={{ fontSize: 10 }}
        tickFormatter={(h: number) => `${h}h`}
        interval={0}
      />
      <YAxis
        type="number"
        dataKey="weekday"
        domain={[-0.5, 6.5]}
        ticks={[0, 1, 2, 3, 4, 5, 6]}
        reversed
        width={yAxisWidth}
        tick={{ fontSize: 10 }}
        tickFormatter={(d: number) => days[d] ?? ""}
        interval={0}
      />
      <Tooltip
        cursor={false}
        content={({ payload }) => {
          const c = payload?.[0]?.payload as HeatCell | undefined;
          if (!c) return null;
          return (
            <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow">
              {days[c.weekday]} {String(c.hour).padStart(2, "0")}:00 — {c.count} {c.count === 1 ? "reply" : "replies"}
            </div>
          );
        }}
      />
      <Scatter data={cells} shape={<Cell />} isAnimationActive={false} />
    </ScatterChart>
  );
}
