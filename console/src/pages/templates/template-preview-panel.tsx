import { sanitizeHtml } from "@threadline/shared/ui/sanitize-html";
import { useState } from "react";
import { toConsoleFailure } from "../../api/api-call";
import { SelectField } from "../../ui/select-field";
import { TextField } from "../../ui/text-field";
import { useDebounced } from "../../ui/use-debounced";
import { suggestedFallback, variableToken } from "./template-variables";
import { useDraftPreview, usePreviewContacts } from "./use-templates";

/** The server's render of the unsaved draft for a chosen contact, naming every variable that would come out empty. */
export function TemplatePreviewPanel(props: { subject: string; bodyHtml: string }) {
  const [search, setSearch] = useState("");
  const [contactId, setContactId] = useState("");
  const contacts = usePreviewContacts(useDebounced(search, 250));
  const subject = useDebounced(props.subject);
  const bodyHtml = useDebounced(props.bodyHtml);
  const preview = useDraftPreview({ subject, bodyHtml, contactId: contactId || undefined });
  const items = contacts.data?.items ?? [];
  return (
    <section aria-labelledby="preview-heading" className="min-w-0 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="preview-heading" className="text-sm font-semibold text-slate-900">
        Preview
      </h2>
      <p className="mb-3 text-xs text-slate-500">Rendered by the server exactly as a send would, for the contact you pick.</p>
      <div className="flex flex-col gap-2">
        <TextField
          label="Find a contact"
          type="search"
          placeholder="Name or email"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <SelectField label="Preview for" value={contactId} onChange={(e) => setContactId(e.target.value)}>
          <option value="">Nobody (every contact field empty)</option>
          {items.map((c) => (
            <option key={c.id} value={c.id}>
              {[c.firstName, c.lastName].filter(Boolean).join(" ") || c.email} · {c.email}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="mt-4" aria-live="polite">
        {preview.isError ? (
          <p role="alert" className="text-sm text-red-700">
            {toConsoleFailure(preview.error).message}
          </p>
        ) : !preview.data ? (
          <p className="text-sm text-slate-500">Rendering…</p>
        ) : (
          <>
            {preview.data.missing.length > 0 && (
              <div role="alert" className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                <p className="font-medium">
                  {preview.data.missing.length === 1 ? "1 variable has" : `${preview.data.missing.length} variables have`} no
                  value for this contact:
                </p>
                <ul className="mt-1 list-disc pl-5">
                  {preview.data.missing.map((m) => (
                    <li key={m}>
                      <code className="font-mono text-xs">{m}</code> — comes out empty; add a fallback such as{" "}
                      <code className="font-mono text-xs">{variableToken(m, suggestedFallback(m))}</code>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <figure
              aria-label="Rendered email"
              className={`rounded-md border border-slate-200 ${preview.isFetching ? "opacity-70" : ""}`}
            >
              <figcaption className="border-b border-slate-200 px-3 py-2 text-sm">
                <span className="text-slate-500">Subject: </span>
                <span className="font-medium text-slate-900">{preview.data.subject || "(no subject)"}</span>
              </figcaption>
              <div
                className="tl-email-preview max-h-96 overflow-auto px-3 py-2 text-sm leading-relaxed text-slate-800"
                // Sanitised on the server too; the sidebar's sanitiser again before it becomes DOM.
                dangerouslySetInnerHTML={{ __html: sanitizeHtml(preview.data.html) || "<p>(empty body)</p>" }}
              />
            </figure>
          </>
        )}
      </div>
    </section>
  );
}
