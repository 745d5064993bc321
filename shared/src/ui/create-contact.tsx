import { useState } from "react";
import type { Card } from "../schemas/card";
import type { ContactWrite } from "../schemas/contact";
import type { ApiFailure, SidebarApi } from "./sidebar-api";
import { StatusNotice } from "./status-notice";
import { toApiFailure } from "./to-api-failure";

/** One click: a contact pre-filled from the display name and the address's domain. */
export function CreateContact(props: { api: SidebarApi; card: Card; onCreated(): void }) {
  const s = props.card.suggested;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const create = async () => {
    setBusy(true);
    setError(null);
    const input: ContactWrite = {
      email: props.card.email,
      displayName: s?.displayName ?? null,
      firstName: s?.firstName ?? null,
      lastName: s?.lastName ?? null,
      source: "gmail-sidebar",
    };
    try {
      await props.api.createContact(input);
      props.onCreated();
    } catch (e) {
      setError(toApiFailure(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="mx-3 mt-2 rounded border border-dashed border-slate-300 p-2">
      <p className="text-xs text-slate-600">
        <strong className="text-slate-800">{s?.displayName ?? props.card.email}</strong> is not in Threadline yet
        {s?.companyName ? ` (${s.companyName})` : ""}.
      </p>
      <button
        type="button"
        onClick={create}
        disabled={busy}
        className="mt-2 rounded bg-teal-700 px-2 py-1 text-xs font-medium text-white hover:bg-teal-800 disabled:opacity-50"
      >
        {busy ? "Creating…" : "Create contact"}
      </button>
      {error && <StatusNotice kind="error" failure={error} />}
    </div>
  );
}
