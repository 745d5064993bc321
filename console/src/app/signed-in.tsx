import { Navigate, useLocation } from "react-router";
import { toConsoleFailure } from "../api/api-call";
import { Button } from "../ui/button";
import { CenteredCard } from "../ui/centered-card";
import { ConsoleLayout } from "./console-layout";
import { useMe } from "./use-me";

/** The gate of every signed-in page: no session → the sign-in page (which sends a fresh install to setup). */
export function SignedIn() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <div role="status" className="flex min-h-screen items-center justify-center text-sm text-slate-500">
        Loading Threadline…
      </div>
    );
  }
  if (me.isError) {
    const failure = toConsoleFailure(me.error);
    if (failure.kind === "unauthorized") {
      const next = `${location.pathname}${location.search}`;
      return <Navigate to={next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
    }
    return (
      <CenteredCard title={failure.kind === "offline" ? "Can't reach Threadline's server" : "Threadline couldn't start"}>
        <p role="alert" className="text-sm text-slate-700">
          {failure.message}
        </p>
        <Button className="mt-4" onClick={() => void me.refetch()}>
          Try again
        </Button>
      </CenteredCard>
    );
  }
  return <ConsoleLayout me={me.data} />;
}
