// Query hooks of the Sequences page (and the templates list's "used in" column), over the typed client.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { sequencePutSchema } from "@threadline/shared/schemas/sequence";
import type { z } from "zod";
import { apiCall } from "../../api/api-call";
import { api } from "../../api/console-api";

export function useSequenceList() {
  return useQuery({ queryKey: ["sequences", "list"], queryFn: () => apiCall(api.sequences.$get()) });
}

export function useSequence(id: string | undefined) {
  return useQuery({
    queryKey: ["sequences", "one", id],
    queryFn: () => apiCall(api.sequences[":id"].$get({ param: { id: id! } })),
    enabled: id !== undefined,
  });
}

export type SequenceInput = z.input<typeof sequencePutSchema>;

/** A new sequence is created as a draft; an existing one is saved whole (PUT, steps kept by id). */
export function useSaveSequence(id: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (data: SequenceInput) =>
      id === undefined
        ? apiCall(api.sequences.$post({ json: { ...data, status: "draft" } }))
        : apiCall(api.sequences[":id"].$put({ param: { id }, json: data })),
    onSuccess: (saved) => {
      queryClient.setQueryData(["sequences", "one", saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ["sequences", "list"] });
    },
  });
}

/** What saving this edit would do to enrollments in flight (the real save, rolled back on the server). */
export function useEditPreview(id: string) {
  return useMutation({
    mutationFn: (data: SequenceInput) => apiCall(api.sequences[":id"]["edit-preview"].$post({ param: { id }, json: data })),
  });
}

export function useSequenceStatus(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (to: "activate" | "pause" | "archive") => {
      const route = api.sequences[":id"][to];
      return apiCall(route.$post({ param: { id } }));
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(["sequences", "one", saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ["sequences", "list"] });
    },
  });
}
