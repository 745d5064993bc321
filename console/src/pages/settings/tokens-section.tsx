import { useState } from "react";
import { Button } from "../../ui/button";
import { EmptyState } from "../../ui/empty-state";
import { QueryState } from "../../ui/query-state";
import type { Me } from "../../app/use-me";
import { CreateTokenDialog } from "./create-token-dialog";
import { RevokeTokenDialog } from "./revoke-token-dialog";
import { TokenTable } from "./token-table";
import { useTokens, useUserNames, type ApiToken } from "./use-tokens";

/** Settings → API tokens. Reps and viewers see their own; admins and owners see (and may revoke) everyone's. */
export function TokensSection(props: { me: Me }) {
  const admin = props.me.user.role === "admin" || props.me.user.role === "owner";
  const tokens = useTokens(admin ? "all" : "mine");
  const names = useUserNames(admin);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const ownerOf = (t: ApiToken) => (t.userId === props.me.user.id ? "You" : (names.data?.get(t.userId) ?? "A former user"));
  const canWrite = props.me.user.role !== "viewer";
  return (
    <section aria-labelledby="tokens-heading">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="tokens-heading" className="text-base font-semibold text-slate-900">
            API tokens
          </h2>
          <p className="mt-0.5 max-w-2xl text-sm text-slate-600">
            {admin
              ? "Every token in the workspace. The Gmail extension and the Outlook add-in get one when they sign in; scripts use one as a Bearer token."
              : "Your tokens. The Gmail extension and the Outlook add-in get one when they sign in; scripts use one as a Bearer token."}
          </p>
        </div>
        {canWrite && <Button onClick={() => setCreating(true)}>Create token</Button>}
      </div>
      <QueryState query={tokens} what="API tokens">
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState
              title="No API tokens yet"
              action={canWrite ? <Button onClick={() => setCreating(true)}>Create token</Button> : undefined}
            >
              Sign in from the Gmail extension or the Outlook add-in, or create a token for a script.
            </EmptyState>
          ) : (
            <TokenTable tokens={data.items} onRevoke={setRevoking} {...(admin ? { ownerOf } : {})} />
          )
        }
      </QueryState>
      <CreateTokenDialog open={creating} onClose={() => setCreating(false)} />
      <RevokeTokenDialog
        token={revoking}
        ownerName={revoking && admin && revoking.userId !== props.me.user.id ? ownerOf(revoking) : null}
        onClose={() => setRevoking(null)}
      />
    </section>
  );
}
