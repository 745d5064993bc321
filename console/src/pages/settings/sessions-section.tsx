import { toConsoleFailure } from "../../api/api-call";
import { Button } from "../../ui/button";
import { FormAlert } from "../../ui/form-alert";
import { QueryState } from "../../ui/query-state";
import { RelativeTime } from "../../ui/relative-time";
import { StatusBadge } from "../../ui/status-badge";
import { describeUserAgent } from "./describe-user-agent";
import { useEndSession, useSessions, useSignOutEverywhere } from "./use-sessions";

/** Settings → Sessions: where I am signed in to the console; end one, or sign out everywhere (here too). */
export function SessionsSection() {
  const sessions = useSessions();
  const end = useEndSession();
  const everywhere = useSignOutEverywhere();
  return (
    <section aria-labelledby="sessions-heading">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="sessions-heading" className="text-base font-semibold text-slate-900">
            Sessions
          </h2>
          <p className="mt-0.5 max-w-2xl text-sm text-slate-600">
            Browsers signed in to this console as you. API tokens (the Gmail extension, the Outlook add-in) are not sessions:
            revoke those under API tokens.
          </p>
        </div>
        <Button variant="danger" busy={everywhere.isPending} onClick={() => everywhere.mutate()}>
          Sign out everywhere
        </Button>
      </div>
      {everywhere.isError && <FormAlert>{toConsoleFailure(everywhere.error).message}</FormAlert>}
      {end.isError && <FormAlert>{toConsoleFailure(end.error).message}</FormAlert>}
      <QueryState query={sessions} what="sessions">
        {(data) => (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {data.items.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                <div className="min-w-0">
                  <p className="flex items-center gap-2 text-sm font-medium text-slate-900">
                    {describeUserAgent({ userAgent: s.userAgent })}
                    {s.current && <StatusBadge tone="ok">This browser</StatusBadge>}
                  </p>
                  <p className="text-xs text-slate-500">
                    {s.ipAddress ?? "Unknown address"} · signed in <RelativeTime iso={s.createdAt} /> · active{" "}
                    <RelativeTime iso={s.updatedAt} />
                  </p>
                </div>
                {!s.current && (
                  <Button
                    variant="secondary"
                    size="sm"
                    busy={end.isPending && end.variables === s.id}
                    onClick={() => end.mutate(s.id)}
                    aria-label={`Sign out ${describeUserAgent({ userAgent: s.userAgent })} (${s.ipAddress ?? "unknown address"})`}
                  >
                    Sign out
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
