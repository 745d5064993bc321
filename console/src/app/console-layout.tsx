import { NavLink, Outlet } from "react-router";
import { toConsoleFailure } from "../api/api-call";
import { OfflineBanner } from "../ui/offline-banner";
import { NavIcon, type NavIconName } from "./nav-icon";
import type { Me } from "./use-me";
import { useSignOut } from "./use-session";

const nav: { to: string; label: string; icon: NavIconName }[] = [
  { to: "/contacts", label: "Contacts", icon: "contacts" },
  { to: "/templates", label: "Templates", icon: "templates" },
  { to: "/sequences", label: "Sequences", icon: "sequences" },
  { to: "/mailboxes", label: "Mailboxes", icon: "mailboxes" },
  { to: "/team", label: "Team", icon: "team" },
  { to: "/analytics", label: "Analytics", icon: "analytics" },
  { to: "/settings", label: "Settings", icon: "settings" },
];

/** The signed-in shell: navigation on the left (top on narrow screens), the page on the right. */
export function ConsoleLayout(props: { me: Me }) {
  const signOut = useSignOut();
  const { user, workspace } = props.me;
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <aside className="flex shrink-0 flex-col border-b border-slate-200 bg-white md:sticky md:top-0 md:h-screen md:w-60 md:border-b-0 md:border-r">
        <div className="flex items-center gap-2.5 px-5 py-4">
          <span
            aria-hidden="true"
            className="flex h-8 w-8 items-center justify-center rounded-lg bg-teal-700 text-sm font-bold text-white"
          >
            T
          </span>
          <div className="min-w-0">
            <p className="text-sm font-semibold leading-tight text-slate-900">Threadline</p>
            <p className="truncate text-xs text-slate-500" title={workspace.name}>
              {workspace.name}
            </p>
          </div>
        </div>
        <nav aria-label="Console" className="flex gap-1 overflow-x-auto px-3 pb-3 md:flex-1 md:flex-col md:overflow-visible">
          {nav.map((item) => (
            <NavLink
              key={item.to}
              to={item.to}
              className={({ isActive }) =>
                `flex items-center gap-2.5 whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium ${isActive ? "bg-teal-50 text-teal-800" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"}`
              }
            >
              <NavIcon name={item.icon} />
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="border-t border-slate-200 px-5 py-3 md:py-4">
          <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>
          <p className="truncate text-xs text-slate-500">
            {user.email} · <span className="capitalize">{user.role}</span>
          </p>
          <button
            type="button"
            onClick={() => signOut.mutate()}
            disabled={signOut.isPending}
            className="mt-3 flex items-center gap-2 text-sm font-medium text-slate-600 hover:text-slate-900"
          >
            <NavIcon name="signOut" />
            Sign out
          </button>
          {signOut.isError && (
            <p role="alert" className="mt-2 text-xs text-red-700">
              {toConsoleFailure(signOut.error).message}
            </p>
          )}
        </div>
      </aside>
      <div className="min-w-0 flex-1">
        <OfflineBanner />
        <main className="mx-auto max-w-5xl px-5 py-8 md:px-10">
          <Outlet context={props.me} />
        </main>
      </div>
    </div>
  );
}
