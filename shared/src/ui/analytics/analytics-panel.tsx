import { useState } from "react";
import type { SequenceOption } from "../sidebar-api";
import { StatusNotice } from "../status-notice";
import { useLoader } from "../use-loader";
import type { SequenceAnalyticsData, SequenceAnalyticsQuery } from "./analytics-data";
import { SequenceAnalytics } from "./sequence-analytics";

const RANGES = [7, 30, 90] as const;

export interface AnalyticsPanelProps {
  listSequences(): Promise<SequenceOption[]>;
  /** The host fetches /analytics/summary?groupBy=step, /analytics/ab-tests and /analytics/heatmap for one sequence. */
  sequenceAnalytics(query: SequenceAnalyticsQuery): Promise<SequenceAnalyticsData>;
  /** Clock for the date range (tests pass a fixed one). */
  now?: () => number;
  width?: number;
}

/** The Sequences analytics view: pick a sequence and a range; the charts get the data as props. */
export function AnalyticsPanel({ listSequences, sequenceAnalytics, now = Date.now, width = 320 }: AnalyticsPanelProps) {
  const sequences = useLoader("sequences", listSequences);
  const [picked, setPicked] = useState("");
  const [days, setDays] = useState<(typeof RANGES)[number]>(30);
  const sequenceId = picked || sequences.data?.[0]?.id || "";
  // The range ends at the next full hour, so the key (and the request) stays the same within the hour.
  const to = new Date(Math.ceil(now() / 3_600_000) * 3_600_000);
  const from = new Date(to.getTime() - days * 86_400_000);
  const query: SequenceAnalyticsQuery = { sequenceId, from: from.toISOString(), to: to.toISOString() };
  const data = useLoader(sequenceId ? `${sequenceId}|${query.from}|${query.to}` : null, () => sequenceAnalytics(query));
  const name = sequences.data?.find((s) => s.id === sequenceId)?.name ?? "";

  if (sequences.status === "loading") return <StatusNotice kind="loading">Loading sequences…</StatusNotice>;
  if (sequences.status === "error") return <StatusNotice kind="error" failure={sequences.error} onRetry={sequences.reload} />;
  if (!sequences.data.length) return <StatusNotice kind="empty">No sequences yet.</StatusNotice>;
  return (
    <div>
      <div className="flex gap-2 px-3 pt-2">
        <label className="flex-1 text-[11px] text-slate-500">
          Sequence
          <select
            value={sequenceId}
            onChange={(e) => setPicked(e.target.value)}
            className="mt-0.5 block w-full rounded border border-slate-300 px-1 py-0.5 text-xs text-slate-900"
          >
            {sequences.data.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-[11px] text-slate-500">
          Period
          <select
            value={days}
            onChange={(e) => setDays(Number(e.target.value) as (typeof RANGES)[number])}
            className="mt-0.5 block rounded border border-slate-300 px-1 py-0.5 text-xs text-slate-900"
          >
            {RANGES.map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
        </label>
      </div>
      {data.status === "loading" && <StatusNotice kind="loading">Loading analytics…</StatusNotice>}
      {data.status === "error" && <StatusNotice kind="error" failure={data.error} onRetry={data.reload} />}
      {data.status === "ready" && <SequenceAnalytics title={`${name} · last ${days} days`} {...data.data} width={width} />}
    </div>
  );
}
