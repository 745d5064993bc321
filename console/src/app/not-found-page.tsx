import { Link } from "react-router";
import { EmptyState } from "../ui/empty-state";

export function NotFoundPage() {
  return (
    <EmptyState
      title="This page doesn't exist"
      action={
        <Link to="/mailboxes" className="text-sm font-medium text-teal-700 hover:text-teal-900">
          Go to Mailboxes →
        </Link>
      }
    >
      The link may be old, or the address mistyped.
    </EmptyState>
  );
}
