import { useState } from "react";
import type { Card } from "../schemas/card";
import { EnrollmentStatus } from "./enrollment-status";
import type { OpenThread } from "./mail-host";
import type { EnrollRequest, SidebarApi } from "./sidebar-api";
import { Section, StatusNotice } from "./status-notice";
import { failureText, toApiFailure } from "./to-api-failure";
import { useLoader } from "./use-loader";

/** Status of this contact's sequences, and "Add to sequence" for the open thread. */
export function SequencePanel(props: { api: SidebarApi; card: Card; thread: OpenThread | null; onChanged(): void }) {
  const { api, card, thread } = props;
  const sequences = useLoader("sequences", () => api.listSequences());
  const mailboxes = useLoader("mailboxes", () => api.listMailboxes());
  const [sequenceId, setSequenceId] = useState("");
  const [mailboxId, setMailboxId] = useState("");
  const [startAt, setStartAt] = useState<"now" | "next_window">("next_window");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const options = (sequences.data ?? []).filter((s) => !s.status || s.status === "active");
  const chosen = sequenceId || options[0]?.id || "";

  const add = async () => {
    setBusy(true);
    setMessage(null);
    try {
      // One click even for an unknown sender: the contact is created first, from the suggestion.
      const contactId =
        card.contact?.id ??
        (
          await api.createContact({
            email: card.email,
            displayName: card.suggested?.displayName ?? null,
            firstName: card.suggested?.firstName ?? null,
            lastName: card.suggested?.lastName ?? null,
            source: "gmail-sidebar",
          })
        ).id;
      const last = thread?.messages.at(-1);
      const request: EnrollRequest = { contactId, sequenceId: chosen, startAt, ...(mailboxId ? { mailboxId } : {}) };
      if (thread) {
        request.thread = {
          ...(thread.legacyThreadId ? { gmailThreadId: thread.legacyThreadId } : { conversationId: thread.threadId }),
          ...(last ? { providerMessageId: last.legacyId ?? last.id } : {}),
          subject: thread.subject,
        };
      }
      await api.enroll(request);
      setMessage({ ok: true, text: `Added to “${options.find((s) => s.id === chosen)?.name ?? "sequence"}”.` });
      props.onChanged();
    } catch (e) {
      setMessage({ ok: false, text: failureText(toApiFailure(e)) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="pb-3" data-testid="sequence-panel">
      <Section title="Sequences">
        {card.enrollments.length === 0 ? (
          <StatusNotice kind="empty">Not in any sequence.</StatusNotice>
        ) : (
          <ul className="space-y-1 px-3 pt-1" aria-label="Enrollments">
            {card.enrollments.map((e) => (
              <EnrollmentStatus
                key={e.id}
                api={api}
                enrollment={e}
                contactZone={card.localTime?.zone ?? null}
                onChanged={props.onChanged}
              />
            ))}
          </ul>
        )}
      </Section>
      <Section title="Add to sequence">
        {sequences.status === "loading" && <StatusNotice kind="loading">Loading sequences…</StatusNotice>}
        {sequences.status === "error" && <StatusNotice kind="error" failure={sequences.error} onRetry={sequences.reload} />}
        {sequences.status === "ready" && options.length === 0 && (
          <StatusNotice kind="empty">No active sequences yet.</StatusNotice>
        )}
        {options.length > 0 && (
          <form
            className="space-y-1.5 px-3 pt-1 text-xs"
            onSubmit={(e) => {
              e.preventDefault();
              void add();
            }}
          >
            <label className="flex items-center gap-2">
              <span className="w-14 text-slate-500">Sequence</span>
              <select
                aria-label="Sequence"
                value={chosen}
                onChange={(e) => setSequenceId(e.target.value)}
                className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-1 py-0.5"
              >
                {options.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                    {s.stepCount ? ` (${s.stepCount} steps)` : ""}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex items-center gap-2">
              <span className="w-14 text-slate-500">Mailbox</span>
              <select
                aria-label="Mailbox"
                value={mailboxId}
                onChange={(e) => setMailboxId(e.target.value)}
                className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-1 py-0.5"
              >
                <option value="">Default mailbox</option>
                {(mailboxes.data ?? []).map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name ? `${m.name} <${m.email}>` : m.email}
                  </option>
                ))}
              </select>
            </label>
            <fieldset className="flex gap-3">
              <legend className="sr-only">Start</legend>
              <label className="flex items-center gap-1">
                <input
                  type="radio"
                  name="tl-start"
                  checked={startAt === "next_window"}
                  onChange={() => setStartAt("next_window")}
                />{" "}
                Next sending window
              </label>
              <label className="flex items-center gap-1">
                <input type="radio" name="tl-start" checked={startAt === "now"} onChange={() => setStartAt("now")} /> Now
              </label>
            </fieldset>
            <button
              type="submit"
              disabled={busy || !chosen}
              className="rounded bg-teal-700 px-2 py-1 font-medium text-white disabled:opacity-40"
            >
              {busy ? "Adding…" : "Add to sequence"}
            </button>
            {thread && <p className="text-[10px] text-slate-400">Step 1 continues this thread: “{thread.subject}”.</p>}
          </form>
        )}
        {message && (
          <p
            role={message.ok ? "status" : "alert"}
            className={`px-3 pt-1 text-xs ${message.ok ? "text-green-800" : "text-red-700"}`}
          >
            {message.text}
          </p>
        )}
      </Section>
    </div>
  );
}
