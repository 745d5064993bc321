import { Button } from "../../ui/button";
import { RelativeTime } from "../../ui/relative-time";
import { StatusBadge } from "../../ui/status-badge";
import { tokenStatus } from "./token-status";
import type { ApiToken } from "./use-tokens";

/** The tokens list: name and fingerprint, owner (admins' view), created, last used, expiry, state, Revoke. */
export function TokenTable(props: {
  tokens: ApiToken[];
  /** Admins' view: the owner column, "You" for the caller's own. */
  ownerOf?: (token: ApiToken) => string;
  onRevoke: (token: ApiToken) => void;
}) {
  const now = Date.now();
  const th = "px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";
  const columns = ["Name", ...(props.ownerOf ? ["Owner"] : []), "Created", "Last used", "Expires", "Status"];
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50">
          <tr>
            {columns.map((name) => (
              <th key={name} scope="col" className={th}>
                {name}
              </th>
            ))}
            <th scope="col" className={th}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {props.tokens.map((token) => {
            const status = tokenStatus({ token, now });
            return (
              <tr key={token.id} className={status.usable ? "" : "text-slate-500"}>
                <td className="px-4 py-3">
                  <p className={`font-medium ${status.usable ? "text-slate-900" : "text-slate-500"}`}>{token.name}</p>
                  <p className="font-mono text-xs text-slate-500">{token.prefix}…</p>
                </td>
                {props.ownerOf && <td className="whitespace-nowrap px-4 py-3">{props.ownerOf(token)}</td>}
                <td className="whitespace-nowrap px-4 py-3">
                  <RelativeTime iso={token.createdAt} />
                </td>
                <td className="whitespace-nowrap px-4 py-3">
                  <RelativeTime iso={token.lastUsedAt} never="Never used" />
                </td>
                <td className="whitespace-nowrap px-4 py-3">
                  <RelativeTime iso={token.expiresAt} never="No expiry" />
                </td>
                <td className="whitespace-nowrap px-4 py-3">
                  <StatusBadge tone={status.tone}>{status.label}</StatusBadge>
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-right">
                  {token.revokedAt === null && (
                    <Button variant="danger" size="sm" onClick={() => props.onRevoke(token)} aria-label={`Revoke ${token.name}`}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
