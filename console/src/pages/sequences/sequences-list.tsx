import type { Sequence } from "@threadline/shared/schemas/sequence";
import { Link } from "react-router";
import { EmptyState } from "../../ui/empty-state";
import { StatusBadge, type StatusTone } from "../../ui/status-badge";

const statusTone: Record<Sequence["status"], StatusTone> = { active: "ok", paused: "warn", draft: "off", archived: "off" };
const statusWord: Record<Sequence["status"], string> = {
  active: "Active",
  paused: "Paused",
  draft: "Draft",
  archived: "Archived",
};

export function SequenceStatus(props: { status: Sequence["status"] }) {
  return <StatusBadge tone={statusTone[props.status]}>{statusWord[props.status]}</StatusBadge>;
}

const newLink = (
  <Link to="/sequences/new" className="rounded-md bg-teal-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-teal-800">
    New sequence
  </Link>
);

/** Name, status, steps, enrollment counts and reply rate of every sequence the caller can see. */
export function SequencesList(props: { items: Sequence[] }) {
  if (props.items.length === 0) {
    return (
      <EmptyState title="No sequences yet" action={newLink}>
        A sequence sends 3–5 steps a few business days apart (3, 5, 7 work well) and stops when the buyer replies.
      </EmptyState>
    );
  }
  const cols = ["Enrolled", "Active", "Replied", "Bounced", "Unsubscribed", "Reply rate"];
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2.5">
              Name
            </th>
            <th scope="col" className="px-4 py-2.5">
              Status
            </th>
            {cols.map((c) => (
              <th key={c} scope="col" className="px-3 py-2.5 text-right">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {props.items.map((s) => (
            <tr key={s.id} className="hover:bg-slate-50">
              <td className="px-4 py-3">
                <Link to={`/sequences/${s.id}`} className="font-medium text-slate-900 hover:text-teal-800">
                  {s.name}
                </Link>
                <p className="text-xs text-slate-500">
                  {s.steps.length} step{s.steps.length === 1 ? "" : "s"}
                </p>
              </td>
              <td className="px-4 py-3">
                <SequenceStatus status={s.status} />
              </td>
              {[s.stats.enrolled, s.stats.active, s.stats.replied, s.stats.bounced, s.stats.unsubscribed].map((n, i) => (
                <td key={i} className="px-3 py-3 text-right tabular-nums text-slate-700">
                  {n}
                </td>
              ))}
              <td className="px-3 py-3 text-right tabular-nums text-slate-900">
                {s.stats.enrolled === 0 ? "—" : `${Math.round(s.stats.replyRate * 100)}%`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const newSequenceLink = newLink;
