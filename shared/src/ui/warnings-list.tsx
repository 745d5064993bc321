import type { Warning } from "../schemas/card";

const ICON: Record<Warning["code"], string> = {
  lookalike_domain: "Look-alike domain",
  teammate_owns_account: "Teammate on this account",
  suppressed: "Suppressed",
  unsubscribed: "Unsubscribed",
  bounced: "Bounced",
  email_invalid: "Invalid address",
};

export function WarningsList({ warnings }: { warnings: Warning[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul aria-label="Warnings" className="mx-3 mt-2 space-y-1">
      {warnings.map((w) => (
        <li
          key={w.code + w.message}
          data-warning={w.code}
          className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-900"
        >
          <strong className="font-semibold">{ICON[w.code]}: </strong>
          {w.message}
        </li>
      ))}
    </ul>
  );
}
