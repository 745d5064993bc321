import { useEffect, useState } from "react";
import type { Template } from "../schemas/template";
import type { ApiFailure, SidebarApi } from "./sidebar-api";
import { toApiFailure } from "./to-api-failure";

/** Templates, cached list first, then the backend's (stale-while-revalidate). */
export function useTemplates(api: SidebarApi) {
  const [state, setState] = useState<{ items: Template[] | null; fromCache: boolean; error: ApiFailure | null }>({
    items: null,
    fromCache: false,
    error: null,
  });
  useEffect(() => {
    let alive = true;
    let fresh = false;
    api.getCachedTemplates().then(
      (hit) => alive && hit && !fresh && setState({ items: hit.value, fromCache: true, error: null }),
      () => undefined,
    );
    api.fetchTemplates().then(
      (items) => {
        fresh = true;
        if (alive) setState({ items, fromCache: false, error: null });
      },
      (e: unknown) => alive && setState((s) => ({ ...s, error: toApiFailure(e) })),
    );
    return () => {
      alive = false;
    };
  }, [api]);
  return state;
}
