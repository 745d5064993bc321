import { QueryClient } from "@tanstack/react-query";
import { ApiFailure } from "@threadline/shared/ui/sidebar-api";

// A 4xx is an answer, not a hiccup: retry only when the server could not be reached or failed (5xx).
const retryable = (error: unknown) => !(error instanceof ApiFailure) || error.kind === "offline" || error.kind === "http";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: (count, error) => count < 2 && retryable(error), staleTime: 15_000, refetchOnWindowFocus: true },
    mutations: { retry: false },
  },
});
