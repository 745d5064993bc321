import { lazy, Suspense } from "react";
import { Link, Route, Routes, useParams } from "react-router";
import { PageHeader } from "../../ui/page-header";
import { LoadingRows, QueryState } from "../../ui/query-state";
import { newSequenceLink, SequencesList } from "./sequences-list";
import { useSequence, useSequenceList } from "./use-sequences";

// The builder (zod, the rich-text editor) loads only when a sequence is opened.
const SequenceBuilder = lazy(() => import("./sequence-builder").then((m) => ({ default: m.SequenceBuilder })));

/** /sequences (list), /sequences/new and /sequences/:id (the builder). */
export function SequencesPage() {
  return (
    <Routes>
      <Route index element={<SequencesIndex />} />
      <Route path="new" element={<BuilderPage />} />
      <Route path=":id" element={<BuilderPage />} />
    </Routes>
  );
}

function SequencesIndex() {
  const list = useSequenceList();
  return (
    <>
      <PageHeader
        title="Sequences"
        description="Timed steps that stop on a reply and hand the buyer to a person when intent shows."
        actions={newSequenceLink}
      />
      <QueryState query={list} what="sequences">
        {(data) => <SequencesList items={data.items} />}
      </QueryState>
    </>
  );
}

function BuilderPage() {
  const { id } = useParams();
  const one = useSequence(id);
  const back = (
    <Link to="/sequences" className="text-sm font-medium text-teal-700 hover:text-teal-900">
      ← All sequences
    </Link>
  );
  const loading = <LoadingRows what="the builder" />;
  if (!id) {
    return (
      <>
        <PageHeader
          title="New sequence"
          description="Saved as a draft; nobody is enrolled until you activate it."
          actions={back}
        />
        <Suspense fallback={loading}>
          <SequenceBuilder />
        </Suspense>
      </>
    );
  }
  return (
    <>
      <PageHeader title={one.data?.name ?? "Sequence"} actions={back} />
      <QueryState query={one} what="the sequence">
        {(s) => (
          <Suspense fallback={loading}>
            <SequenceBuilder key={s.id} sequence={s} />
          </Suspense>
        )}
      </QueryState>
    </>
  );
}
