import { toConsoleFailure } from "../../api/api-call";
import { Button } from "../../ui/button";
import { Dialog } from "../../ui/dialog";
import { FormAlert } from "../../ui/form-alert";
import { useRevokeToken, type ApiToken } from "./use-tokens";

/** Confirms a revocation: whatever uses the token (a sidebar, a script) is signed out at once. */
export function RevokeTokenDialog(props: { token: ApiToken | null; ownerName: string | null; onClose: () => void }) {
  const revoke = useRevokeToken();
  const token = props.token;
  const close = () => {
    revoke.reset();
    props.onClose();
  };
  return (
    <Dialog open={token !== null} title="Revoke this token?" onClose={close}>
      {token && (
        <div className="space-y-4">
          <p className="text-sm text-slate-700">
            <strong>{token.name}</strong>
            {props.ownerName ? ` (${props.ownerName})` : ""} stops working immediately. A Gmail extension or Outlook add-in signed
            in with it shows its sign-in screen on the next request; this can't be undone.
          </p>
          {revoke.isError && <FormAlert>{toConsoleFailure(revoke.error).message}</FormAlert>}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button variant="danger" busy={revoke.isPending} onClick={() => revoke.mutate(token.id, { onSuccess: close })}>
              Revoke token
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
