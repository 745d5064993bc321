import type { Template } from "@threadline/shared/schemas/template";
import { Link } from "react-router";
import { EmptyState } from "../../ui/empty-state";
import { RelativeTime } from "../../ui/relative-time";

/** The templates table: name and subject, folder, who sees it, how many sequences use it, last edit. */
export function TemplatesList(props: { items: Template[]; usage: Map<string, number> | undefined; searching: boolean }) {
  if (props.items.length === 0) {
    return props.searching ? (
      <EmptyState title="No template matches">Try another word from its name or subject.</EmptyState>
    ) : (
      <EmptyState
        title="No templates yet"
        action={
          <Link
            to="/templates/new"
            className="rounded-md bg-teal-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-teal-800"
          >
            New template
          </Link>
        }
      >
        A template is a subject and body with variables such as {"{{first_name | there}}"}, inserted from the sidebar or sent by a
        sequence step.
      </EmptyState>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2.5">
              Name
            </th>
            <th scope="col" className="px-4 py-2.5">
              Folder
            </th>
            <th scope="col" className="px-4 py-2.5">
              Visible to
            </th>
            <th scope="col" className="px-4 py-2.5">
              Used in
            </th>
            <th scope="col" className="px-4 py-2.5">
              Last edited
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {props.items.map((t) => {
            const used = props.usage?.get(t.id) ?? 0;
            return (
              <tr key={t.id} className="hover:bg-slate-50">
                <td className="max-w-md px-4 py-3">
                  <Link to={`/templates/${t.id}`} className="font-medium text-slate-900 hover:text-teal-800">
                    {t.name}
                  </Link>
                  <p className="truncate text-xs text-slate-500">{t.subject || "(no subject)"}</p>
                </td>
                <td className="px-4 py-3 text-slate-700">{t.folder ?? <span className="text-slate-400">—</span>}</td>
                <td className="px-4 py-3 text-slate-700">{t.visibility === "shared" ? "Everyone" : "Only me"}</td>
                <td className="px-4 py-3 text-slate-700">
                  {props.usage === undefined ? (
                    "…"
                  ) : used === 0 ? (
                    <span className="text-slate-400">No sequence</span>
                  ) : (
                    `${used} sequence${used === 1 ? "" : "s"}`
                  )}
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-700">
                  <RelativeTime iso={t.updatedAt} />
                  <span className="text-xs text-slate-400"> · v{t.version}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
