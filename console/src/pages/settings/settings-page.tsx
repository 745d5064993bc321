import { Navigate, NavLink, Route, Routes, useOutletContext } from "react-router";
import type { Me } from "../../app/use-me";
import { PageHeader } from "../../ui/page-header";
import { SessionsSection } from "./sessions-section";
import { TokensSection } from "./tokens-section";

const tabs = [
  { to: "/settings/tokens", label: "API tokens" },
  { to: "/settings/sessions", label: "Sessions" },
];

/** Settings: API tokens (/settings/tokens) and console sessions (/settings/sessions). */
export function SettingsPage() {
  const me = useOutletContext<Me>();
  return (
    <>
      <PageHeader title="Settings" />
      <nav aria-label="Settings" className="mb-6 flex gap-1 border-b border-slate-200">
        {tabs.map((tab) => (
          <NavLink
            key={tab.to}
            to={tab.to}
            className={({ isActive }) =>
              `-mb-px border-b-2 px-3 py-2 text-sm font-medium ${isActive ? "border-teal-700 text-teal-800" : "border-transparent text-slate-600 hover:text-slate-900"}`
            }
          >
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<Navigate to="/settings/tokens" replace />} />
        <Route path="tokens" element={<TokensSection me={me} />} />
        <Route path="sessions" element={<SessionsSection />} />
        <Route path="*" element={<Navigate to="/settings/tokens" replace />} />
      </Routes>
    </>
  );
}
