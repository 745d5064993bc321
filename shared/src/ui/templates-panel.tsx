import { useEffect, useMemo, useRef, useState } from "react";
import { nestVariables } from "../domain/nest-variables";
import type { RenderResult } from "../schemas/template";
import type { ComposeState, MailHost, MailPerson } from "./mail-host";
import { InsertControls } from "./insert-controls";
import { MissingVariablesForm } from "./missing-variables-form";
import { TemplatePreview } from "./template-preview";
import { sanitizeHtml } from "./sanitize-html";
import type { SidebarApi } from "./sidebar-api";
import { StatusNotice } from "./status-notice";
import { failureText, toApiFailure } from "./to-api-failure";
import { useOpenTracking } from "./use-open-tracking";
import { useTemplates } from "./use-templates";

export function TemplatesPanel(props: {
  api: SidebarApi;
  host: MailHost;
  compose: ComposeState;
  recipient: MailPerson | null;
  contactId: string | null;
  focusToken: number;
}) {
  const { api, recipient, contactId } = props;
  const templates = useTemplates(api);
  const [query, setQuery] = useState("");
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [applied, setApplied] = useState<Record<string, string>>({});
  const [render, setRender] = useState<{ status: "idle" | "loading" | "ready" | "error"; result?: RenderResult; error?: string }>(
    { status: "idle" },
  );
  const [notice, setNotice] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const tracking = useOpenTracking(props.host, api);

  useEffect(() => search.current?.focus(), [props.focusToken]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (templates.items ?? []).filter(
      (t) => !q || `${t.name} ${t.subject} ${t.folder ?? ""} ${t.tags.join(" ")}`.toLowerCase().includes(q),
    );
  }, [templates.items, query]);
  const selected = shown.find((t) => t.id === selectedId) ?? null;

  useEffect(() => {
    if (!selected) return setRender({ status: "idle" });
    let alive = true;
    setRender({ status: "loading" });
    const input = {
      ...(contactId ? { contactId } : recipient ? { email: recipient.email } : {}),
      ...(Object.keys(applied).length ? { variables: nestVariables(applied) } : {}),
    };
    api
      .renderTemplate(selected.id, Object.keys(input).length ? input : { variables: {} })
      .then((result) => alive && setRender({ status: "ready", result }))
      .catch((e: unknown) => alive && setRender({ status: "error", error: failureText(toApiFailure(e)) }));
    return () => {
      alive = false;
    };
  }, [api, selected, contactId, recipient, applied]);

  const blocked = render.status !== "ready" || (render.result?.missing.length ?? 0) > 0 || !props.compose.open;
  const insert = async () => {
    if (blocked || !render.result || !selected) return;
    setNotice(null);
    const compose = props.compose;
    try {
      await props.host.insertIntoCompose(sanitizeHtml(render.result.html), { subject: render.result.subject });
    } catch (e) {
      return setNotice(e instanceof Error ? e.message : String(e));
    }
    setNotice(`Inserted “${selected.name}”.`);
    // Tracking never undoes or blocks the insert: its outcome is only added to the notice.
    const tracked = await tracking.afterInsert({
      templateId: selected.id,
      recipient: compose.open ? (compose.recipients[0] ?? null) : null,
      subject: compose.open && compose.subject.trim() ? compose.subject : render.result.subject,
    });
    if (tracked) setNotice(`Inserted “${selected.name}”. ${tracked}`);
  };
  const move = (delta: number) => {
    const i = shown.findIndex((t) => t.id === selectedId);
    const next = shown[Math.max(0, Math.min(shown.length - 1, i + delta))];
    if (next) setSelectedId(next.id);
  };

  return (
    <div className="pb-3" data-testid="templates-panel">
      <div className="px-3 pt-2">
        <input
          ref={search}
          type="search"
          aria-label="Search templates"
          aria-controls="tl-template-list"
          placeholder="Search templates (↑↓ to pick, Enter to insert)"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown" || e.key === "ArrowUp") {
              e.preventDefault();
              move(e.key === "ArrowDown" ? 1 : -1);
            } else if (e.key === "Enter") {
              e.preventDefault();
              if (selected) void insert();
              else move(1);
            }
          }}
          className="w-full rounded border border-slate-300 px-2 py-1 text-xs"
        />
      </div>
      {templates.fromCache && <p className="px-3 text-[10px] text-slate-400">Saved copy; refreshing…</p>}
      {templates.items === null && !templates.error && <StatusNotice kind="loading">Loading templates…</StatusNotice>}
      {templates.error && <StatusNotice kind="error" failure={templates.error} />}
      {templates.items && shown.length === 0 && (
        <StatusNotice kind="empty">{query ? "No template matches." : "No templates yet."}</StatusNotice>
      )}
      <ul id="tl-template-list" role="listbox" aria-label="Templates" className="mx-3 mt-1 max-h-40 overflow-auto">
        {shown.map((t) => (
          <li
            key={t.id}
            role="option"
            aria-selected={t.id === selectedId}
            onClick={() => setSelectedId(t.id)}
            className={`cursor-pointer rounded px-2 py-1 text-xs ${t.id === selectedId ? "bg-teal-50 text-teal-900" : "hover:bg-slate-50"}`}
          >
            <span className="font-medium">{t.name}</span>
            <span className="block truncate text-slate-500">{t.subject}</span>
          </li>
        ))}
      </ul>
      {selected && (
        <>
          <p className="px-3 pt-2 text-[11px] text-slate-500">
            Preview for {recipient ? (recipient.name ?? recipient.email) : "no recipient"}
          </p>
          {render.status === "loading" && <StatusNotice kind="loading">Rendering…</StatusNotice>}
          {render.status === "error" && <StatusNotice kind="error">{render.error}</StatusNotice>}
          {render.result && render.result.missing.length > 0 && (
            <MissingVariablesForm
              missing={render.result.missing}
              values={values}
              onChange={setValues}
              onApply={() => setApplied({ ...values })}
            />
          )}
          {render.result && <TemplatePreview result={render.result} />}
          <InsertControls blocked={blocked} composeOpen={props.compose.open} onInsert={() => void insert()} tracking={tracking} />
        </>
      )}
      {notice && (
        <p role="status" className="mx-3 mt-1 text-xs text-slate-700">
          {notice}
        </p>
      )}
    </div>
  );
}
