import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { toConsoleFailure } from "../api/api-call";
import { Button } from "./button";

/** A query's loading, error and offline states, designed once; `children` renders the data. */
export function QueryState<T>(props: {
  query: UseQueryResult<T>;
  /** What is loading, e.g. "mailboxes". */
  what: string;
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  if (query.isPending) return <LoadingRows what={props.what} />;
  if (query.isError) {
    const failure = toConsoleFailure(query.error);
    return (
      <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
        <p className="font-medium">
          {failure.kind === "offline" ? "Can't reach Threadline's server" : `Couldn't load ${props.what}`}
        </p>
        <p className="mt-0.5">{failure.message}</p>
        <Button variant="secondary" size="sm" className="mt-3" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  return <>{props.children(query.data)}</>;
}

export function LoadingRows(props: { what: string }) {
  return (
    <div role="status" aria-live="polite" className="space-y-2">
      <span className="sr-only">Loading {props.what}…</span>
      {[0, 1, 2].map((i) => (
        <div key={i} aria-hidden="true" className="h-12 animate-pulse rounded-md bg-slate-200/70" />
      ))}
    </div>
  );
}
