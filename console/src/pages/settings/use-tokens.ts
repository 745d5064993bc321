// The API tokens page's data: the list (everyone's for admins), create (the secret comes back once) and revoke.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { tokenCreateSchema } from "@threadline/shared/schemas";
import { apiCall } from "../../api/api-call";
import { api } from "../../api/console-api";

export type TokenScope = "mine" | "all";

export function useTokens(scope: TokenScope) {
  return useQuery({ queryKey: ["tokens", scope], queryFn: () => apiCall(api.tokens.$get({ query: { scope } })) });
}

export type ApiToken = NonNullable<ReturnType<typeof useTokens>["data"]>["items"][number];

/** Names for the owner column of an admin's list; only fetched when it is shown. */
export function useUserNames(enabled: boolean) {
  return useQuery({
    queryKey: ["users"],
    queryFn: () => apiCall(api.users.$get()),
    enabled,
    select: (data) => new Map(data.items.map((u) => [u.id, u.name])),
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof tokenCreateSchema>) => apiCall(api.tokens.$post({ json: body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["tokens"] }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiCall(api.tokens[":id"].$delete({ param: { id } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["tokens"] }),
  });
}
