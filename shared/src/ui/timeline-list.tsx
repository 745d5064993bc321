import type { TimelineEvent } from "../schemas/timeline";
import { describeTimelineEvent } from "./describe-timeline-event";
import { Section, StatusNotice } from "./status-notice";
import { TrackingBadge } from "./tracking-badge";

const when = (iso: string) =>
  new Intl.DateTimeFormat(undefined, {
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));

/** What decided an inbound event (headers, phrases, matched send), as the inbound engine recorded it. */
const evidenceOf = (e: TimelineEvent): string[] =>
  Array.isArray(e.payload.evidence) ? e.payload.evidence.filter((x): x is string => typeof x === "string").slice(0, 8) : [];

export function TimelineList({ events }: { events: TimelineEvent[] }) {
  return (
    <Section title="Timeline">
      {events.length === 0 ? (
        <StatusNotice kind="empty">No activity yet.</StatusNotice>
      ) : (
        <ol className="space-y-1 px-3 pt-1" aria-label="Timeline">
          {events.slice(0, 30).map((e) => (
            <li key={e.id} className="flex gap-2 text-xs">
              <time dateTime={e.occurredAt} className="w-24 shrink-0 whitespace-nowrap text-slate-400">
                {when(e.occurredAt)}
              </time>
              <span className="text-slate-700">
                {describeTimelineEvent(e)}
                {(e.type === "open" || e.type === "click") && <TrackingBadge label={e.payload.label} reason={e.payload.reason} />}
                {evidenceOf(e).length > 0 && (
                  <details className="text-[11px] text-slate-500">
                    <summary className="cursor-pointer">why</summary>
                    <ul aria-label="Evidence">
                      {evidenceOf(e).map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  </details>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
