import { useState } from "react";
import type { ApiFailure, SidebarApi } from "./sidebar-api";
import { Section, StatusNotice } from "./status-notice";
import { toApiFailure } from "./to-api-failure";
import { useLoader } from "./use-loader";

export function NotesPanel({ api, contactId }: { api: SidebarApi; contactId: string }) {
  const notes = useLoader(contactId, () => api.listNotes(contactId));
  const [draft, setDraft] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const add = async () => {
    if (!draft.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await api.addNote(contactId, draft.trim());
      setDraft("");
      notes.reload();
    } catch (e) {
      setError(toApiFailure(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="Notes">
      <form
        className="flex gap-1 px-3 pt-1"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <textarea
          aria-label="New note"
          placeholder="Add a note…"
          value={draft}
          rows={2}
          onChange={(e) => setDraft(e.target.value)}
          className="min-w-0 flex-1 resize-y rounded border border-slate-300 px-1.5 py-1 text-xs"
        />
        <button
          type="submit"
          disabled={busy || !draft.trim()}
          className="self-end rounded bg-slate-800 px-2 py-1 text-xs text-white disabled:opacity-40"
        >
          {busy ? "Adding…" : "Add note"}
        </button>
      </form>
      {error && <StatusNotice kind="error" failure={error} />}
      {notes.status === "loading" && <StatusNotice kind="loading">Loading notes…</StatusNotice>}
      {notes.status === "error" && <StatusNotice kind="error" failure={notes.error} onRetry={notes.reload} />}
      {notes.status === "ready" &&
        (notes.data.length === 0 ? (
          <StatusNotice kind="empty">No notes yet.</StatusNotice>
        ) : (
          <ul className="space-y-1 px-3 pt-1" aria-label="Notes">
            {notes.data.map((n) => (
              <li key={n.id} className="whitespace-pre-wrap rounded bg-yellow-50 px-2 py-1 text-xs text-slate-800">
                {n.body}
                <time dateTime={n.createdAt} className="block text-[10px] text-slate-400">
                  {new Date(n.createdAt).toLocaleString()}
                </time>
              </li>
            ))}
          </ul>
        ))}
    </Section>
  );
}
