import { useState } from "react";
import type { Contact, ContactUpdate } from "../schemas/contact";
import type { ApiFailure, SidebarApi, UserOption } from "./sidebar-api";
import { StatusNotice } from "./status-notice";
import { TagsEditor } from "./tags-editor";
import { toApiFailure } from "./to-api-failure";

type Stage = NonNullable<ContactUpdate["stage"]>;
// Listed here, not read from stageSchema, so the content script does not bundle zod (a test keeps them equal).
export const STAGES: readonly Stage[] = ["lead", "contacted", "qualified", "quoted", "negotiation", "customer", "lost"];

/** Stage and tags edited inline (saved at once), owner shown by name. */
export function ContactFields(props: {
  api: SidebarApi;
  contact: Contact;
  users: UserOption[] | null;
  onSaved(c: Contact): void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const save = async (patch: ContactUpdate) => {
    setBusy(true);
    setError(null);
    try {
      props.onSaved(await props.api.updateContact(props.contact.id, patch));
    } catch (e) {
      setError(toApiFailure(e));
    } finally {
      setBusy(false);
    }
  };
  const owner = props.contact.ownerId ? props.users?.find((u) => u.id === props.contact.ownerId) : null;
  return (
    <div className="mx-3 mt-2 space-y-1.5 text-xs">
      <label className="flex items-center gap-2">
        <span className="w-12 text-slate-500">Stage</span>
        <select
          aria-label="Stage"
          value={props.contact.stage}
          disabled={busy}
          onChange={(e) => save({ stage: e.target.value as Stage })}
          className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
        >
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        {busy && <span role="status">Saving…</span>}
      </label>
      <div className="flex items-start gap-2">
        <span className="w-12 shrink-0 pt-0.5 text-slate-500">Tags</span>
        <TagsEditor tags={props.contact.tags} disabled={busy} onChange={(tags) => save({ tags })} />
      </div>
      <p className="flex gap-2">
        <span className="w-12 text-slate-500">Owner</span>
        <span data-testid="owner">{owner ? owner.name : props.contact.ownerId ? "unknown" : "nobody"}</span>
      </p>
      {error && <StatusNotice kind="error" failure={error} />}
    </div>
  );
}
