import { useCallback, useSyncExternalStore } from "react";
import type { ComposeState, MailHost, OpenThread } from "./mail-host";

/** The open thread, re-rendering when the host reports a change. */
export function useOpenThread(host: MailHost): OpenThread | null {
  const subscribe = useCallback((l: () => void) => host.subscribe(l), [host]);
  return useSyncExternalStore(subscribe, () => host.getOpenThread());
}

export function useComposeState(host: MailHost): ComposeState {
  const subscribe = useCallback((l: () => void) => host.subscribe(l), [host]);
  return useSyncExternalStore(subscribe, () => host.getComposeState());
}
