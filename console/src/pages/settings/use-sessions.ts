// The sessions page's data: my console sessions, end one, sign out everywhere (this browser included).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { apiCall } from "../../api/api-call";
import { api } from "../../api/console-api";

export function useSessions() {
  return useQuery({ queryKey: ["sessions"], queryFn: () => apiCall(api.sessions.$get()) });
}

export type ConsoleSession = NonNullable<ReturnType<typeof useSessions>["data"]>["items"][number];

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiCall(api.sessions[":id"].$delete({ param: { id } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["sessions"] }),
  });
}

/** Ends every session of mine, this one too, so it lands on the sign-in page with nothing cached. */
export function useSignOutEverywhere() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => apiCall(api.sessions.$delete()),
    onSuccess: () => {
      queryClient.clear();
      void navigate("/sign-in", { replace: true });
    },
  });
}
