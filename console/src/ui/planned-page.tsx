import type { ReactNode } from "react";
import { Link } from "react-router";
import { EmptyState } from "./empty-state";
import { PageHeader } from "./page-header";

/** A page whose screens come in a later release: says what it will hold and where to work meanwhile. */
export function PlannedPage(props: { title: string; description: string; meanwhile: ReactNode }) {
  return (
    <>
      <PageHeader title={props.title} description={props.description} />
      <EmptyState
        badge="Coming next"
        title={`${props.title} are on their way to the console`}
        action={
          <Link to="/mailboxes" className="text-sm font-medium text-teal-700 hover:text-teal-900">
            Connect a mailbox meanwhile →
          </Link>
        }
      >
        {props.meanwhile}
      </EmptyState>
    </>
  );
}
