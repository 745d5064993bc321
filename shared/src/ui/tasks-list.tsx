import type { TaskItem } from "./sidebar-api";
import { Section, StatusNotice } from "./status-notice";

/** Open tasks for this contact, soonest first; overdue ones marked. */
export function TasksList({ tasks, now }: { tasks: TaskItem[]; now: number }) {
  const open = tasks.filter((t) => t.status === "open").sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return (
    <Section title="Tasks">
      {open.length === 0 ? (
        <StatusNotice kind="empty">No open tasks.</StatusNotice>
      ) : (
        <ul className="space-y-1 px-3 pt-1" aria-label="Tasks">
          {open.map((t) => {
            const overdue = Date.parse(t.dueAt) < now;
            return (
              <li key={t.id} className="flex justify-between gap-2 text-xs">
                <span>
                  <span className="text-slate-400">{t.kind} · </span>
                  {t.title}
                </span>
                <time dateTime={t.dueAt} className={overdue ? "font-medium text-red-700" : "text-slate-500"}>
                  {overdue ? "overdue " : "due "}
                  {new Date(t.dueAt).toLocaleDateString()}
                </time>
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}
