import { useCallback, useEffect, useState } from "react";
import type { ApiFailure } from "./sidebar-api";
import { toApiFailure } from "./to-api-failure";

export type Loaded<T> =
  | { status: "loading"; data: null; error: null }
  | { status: "ready"; data: T; error: null }
  | { status: "error"; data: null; error: ApiFailure };

/** Loads `load()` whenever `key` changes (null = nothing to load); `reload()` runs it again. */
export function useLoader<T>(key: string | null, load: () => Promise<T>): Loaded<T> & { reload(): void } {
  const [state, setState] = useState<Loaded<T>>({ status: "loading", data: null, error: null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (key === null) return;
    let alive = true;
    setState({ status: "loading", data: null, error: null });
    load().then(
      (data) => alive && setState({ status: "ready", data, error: null }),
      (e: unknown) => alive && setState({ status: "error", data: null, error: toApiFailure(e) }),
    );
    return () => {
      alive = false;
    };
    // `load` is recreated every render; `key` says when the result would differ.
  }, [key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}
