import { formatRelativeTime } from "./format-relative-time";

/** A time shown relative to now ("5 minutes ago"), the exact local time on hover; `never` when there is none. */
export function RelativeTime(props: { iso: string | null; never?: string }) {
  if (props.iso === null) return <span className="text-slate-500">{props.never ?? "Never"}</span>;
  return (
    <time dateTime={props.iso} title={new Date(props.iso).toLocaleString()}>
      {formatRelativeTime({ iso: props.iso, now: Date.now() })}
    </time>
  );
}
