import { lazy, Suspense, useMemo, useState } from "react";
import { Link, Route, Routes, useNavigate, useParams } from "react-router";
import { Button } from "../../ui/button";
import { Dialog } from "../../ui/dialog";
import { FormAlert } from "../../ui/form-alert";
import { PageHeader } from "../../ui/page-header";
import { LoadingRows, QueryState } from "../../ui/query-state";
import { TextField } from "../../ui/text-field";
import { useDebounced } from "../../ui/use-debounced";
import { toConsoleFailure } from "../../api/api-call";
import { useSequenceList } from "../sequences/use-sequences";
import { TemplatesList } from "./templates-list";
import { useDeleteTemplate, useTemplate, useTemplateList } from "./use-templates";

// The editor (TipTap, zod) loads only when a template is opened, so the rest of the console stays light.
const TemplateForm = lazy(() => import("./template-form").then((m) => ({ default: m.TemplateForm })));

/** /templates (list), /templates/new and /templates/:id (the editor). */
export function TemplatesPage() {
  return (
    <Routes>
      <Route index element={<TemplatesIndex />} />
      <Route path="new" element={<TemplateEditorPage />} />
      <Route path=":id" element={<TemplateEditorPage />} />
    </Routes>
  );
}

function TemplatesIndex() {
  const [q, setQ] = useState("");
  const query = useDebounced(q.trim(), 250);
  const list = useTemplateList(query);
  const sequences = useSequenceList();
  // Sequences whose steps (or A/B variants) send each template.
  const usage = useMemo(() => {
    if (!sequences.data) return undefined;
    const m = new Map<string, number>();
    for (const s of sequences.data.items) {
      const ids = new Set<string>();
      for (const step of s.steps) {
        const c = step.config as { templateId?: string; variants?: { templateId?: string }[] };
        if (c.templateId) ids.add(c.templateId);
        for (const v of c.variants ?? []) if (v.templateId) ids.add(v.templateId);
      }
      for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
    }
    return m;
  }, [sequences.data]);
  return (
    <>
      <PageHeader
        title="Templates"
        description="Subjects and bodies with variables, inserted from the sidebar or sent by sequence steps."
        actions={
          <Link
            to="/templates/new"
            className="rounded-md bg-teal-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-teal-800"
          >
            New template
          </Link>
        }
      />
      <TextField
        label="Search templates"
        type="search"
        placeholder="Name or subject"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        className="mb-4 max-w-sm"
      />
      <QueryState query={list} what="templates">
        {(data) => <TemplatesList items={data.items} usage={usage} searching={query !== ""} />}
      </QueryState>
    </>
  );
}

function TemplateEditorPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const one = useTemplate(id);
  const title = id ? (one.data?.name ?? "Template") : "New template";
  const back = (
    <Link to="/templates" className="text-sm font-medium text-teal-700 hover:text-teal-900">
      ← All templates
    </Link>
  );
  if (!id) {
    return (
      <>
        <PageHeader
          title={title}
          description="Name it, write the subject and body, and check the preview for a real contact."
          actions={back}
        />
        <Suspense fallback={<LoadingRows what="the editor" />}>
          <TemplateForm onSaved={(t) => void navigate(`/templates/${t.id}`, { replace: true })} />
        </Suspense>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={title}
        description="Changes apply to the next insert and the next send; a queued send renders the new version."
        actions={back}
      />
      <QueryState query={one} what="the template">
        {(t) => (
          <Suspense fallback={<LoadingRows what="the editor" />}>
            <TemplateForm
              key={t.id}
              template={t}
              onSaved={() => undefined}
              actions={<DeleteTemplate id={t.id} name={t.name} />}
            />
          </Suspense>
        )}
      </QueryState>
    </>
  );
}

function DeleteTemplate(props: { id: string; name: string }) {
  const [open, setOpen] = useState(false);
  const remove = useDeleteTemplate();
  const navigate = useNavigate();
  return (
    <>
      <Button variant="danger" className="ml-auto" onClick={() => setOpen(true)}>
        Delete
      </Button>
      <Dialog open={open} title={`Delete “${props.name}”?`} onClose={() => setOpen(false)}>
        <p className="text-sm text-slate-700">
          The template and its language versions are deleted for everyone. A sequence step that sends it is left without content,
          so check the “Used in” column on the list first.
        </p>
        {remove.error && (
          <div className="mt-3">
            <FormAlert>{toConsoleFailure(remove.error).message}</FormAlert>
          </div>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Keep it
          </Button>
          <Button
            variant="danger"
            busy={remove.isPending}
            onClick={() => remove.mutate(props.id, { onSuccess: () => void navigate("/templates") })}
          >
            Delete template
          </Button>
        </div>
      </Dialog>
    </>
  );
}
