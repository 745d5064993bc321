import { useCallback, useEffect, useState } from "react";
import type { Card } from "../schemas/card";
import type { ApiFailure, Cached, SidebarApi } from "./sidebar-api";
import { toApiFailure } from "./to-api-failure";

// Cards seen in this page: switching back to a thread repaints at once, before the host's cache answers.
const memory = new Map<string, Cached<Card>>();

export interface CardState {
  key: string | null;
  card: Card | null;
  fetchedAt: number | null;
  /** true while the painted card came from a cache and the backend has not confirmed it yet. */
  fromCache: boolean;
  fetching: boolean;
  error: ApiFailure | null;
}

function initial(key: string | null): CardState {
  const hit = key ? memory.get(key) : undefined;
  return { key, card: hit?.value ?? null, fetchedAt: hit?.fetchedAt ?? null, fromCache: !!hit, fetching: !!key, error: null };
}

/** Stale-while-revalidate card for one address: cached card first (if any), then the backend's. */
export function useCard(api: SidebarApi, email: string | null, name: string | null) {
  const [state, setState] = useState<CardState>(() => initial(email));
  const [round, setRound] = useState(0);
  let current = state;
  if (state.key !== email) {
    current = initial(email);
    setState(current);
  }

  useEffect(() => {
    if (!email) return;
    let alive = true;
    const query = name ? { email, name } : { email };
    const update = (fn: (s: CardState) => CardState) => alive && setState((s) => (s.key === email ? fn(s) : s));
    if (!memory.has(email)) {
      api.getCachedCard(query).then(
        (hit) =>
          hit &&
          update((s) => (s.card && !s.fromCache ? s : { ...s, card: hit.value, fetchedAt: hit.fetchedAt, fromCache: true })),
        () => undefined,
      );
    }
    setState((s) => (s.key === email && !s.fetching ? { ...s, fetching: true } : s));
    api.fetchCard(query).then(
      (card) => {
        const fetchedAt = Date.now();
        memory.set(email, { value: card, fetchedAt });
        update((s) => ({ ...s, card, fetchedAt, fromCache: false, fetching: false, error: null }));
      },
      (e: unknown) => update((s) => ({ ...s, fetching: false, error: toApiFailure(e) })),
    );
    return () => {
      alive = false;
    };
  }, [api, email, name, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  const replace = useCallback(
    (card: Card) => {
      if (!email) return;
      memory.set(email, { value: card, fetchedAt: Date.now() });
      setState((s) => (s.key === email ? { ...s, card, fromCache: false, error: null } : s));
    },
    [email],
  );
  return { ...current, reload, replace };
}
