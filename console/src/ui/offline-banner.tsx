import { onlineManager } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";

/** Shown while the browser is offline; TanStack Query pauses fetches meanwhile and resumes them when back. */
export function OfflineBanner() {
  const online = useSyncExternalStore(
    (cb) => onlineManager.subscribe(cb),
    () => onlineManager.isOnline(),
  );
  if (online) return null;
  return (
    <div role="status" className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900">
      You're offline. Threadline shows what it last loaded; changes wait until the connection is back.
    </div>
  );
}
