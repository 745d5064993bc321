import { useQuery } from "@tanstack/react-query";
import { apiCall } from "../api/api-call";
import { api } from "../api/console-api";

/** Who is signed in (user, role, workspace); fails with kind "unauthorized" when no session. */
export function useMe() {
  return useQuery({ queryKey: ["me"], queryFn: () => apiCall(api.me.$get()), retry: false });
}

export type Me = NonNullable<ReturnType<typeof useMe>["data"]>;
