// Query hooks of the Templates page, over the typed client. Lists and the editor share the ["templates"] keys so a
// save or delete refreshes both.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { templateWriteSchema } from "@threadline/shared/schemas/template";
import { apiCall } from "../../api/api-call";
import { api } from "../../api/console-api";

export type TemplateWrite = z.output<typeof templateWriteSchema>;

export function useTemplateList(q: string) {
  return useQuery({
    queryKey: ["templates", "list", q],
    queryFn: () => apiCall(api.templates.$get({ query: { q: q || undefined, limit: "200" } })),
    placeholderData: keepPreviousData,
  });
}

export function useTemplate(id: string | undefined) {
  return useQuery({
    queryKey: ["templates", "one", id],
    queryFn: () => apiCall(api.templates[":id"].$get({ param: { id: id! } })),
    enabled: id !== undefined,
  });
}

/** Creates (no id) or saves (id) a template; the server sanitises the body and names any refused field. */
export function useSaveTemplate(id: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (data: TemplateWrite) =>
      id === undefined
        ? apiCall(api.templates.$post({ json: data }))
        : apiCall(api.templates[":id"].$patch({ param: { id }, json: data })),
    onSuccess: (saved) => {
      queryClient.setQueryData(["templates", "one", saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ["templates", "list"] });
    },
  });
}

export function useDeleteTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiCall(api.templates[":id"].$delete({ param: { id } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["templates"] }),
  });
}

/** The server's render of the editor's unsaved subject and body for one contact (or nobody). */
export function useDraftPreview(draft: { subject: string; bodyHtml: string; contactId: string | undefined }) {
  return useQuery({
    queryKey: ["templates", "preview", draft],
    queryFn: () =>
      apiCall(
        api.templates.render.$post({
          json: { subject: draft.subject, bodyHtml: draft.bodyHtml, ...(draft.contactId ? { contactId: draft.contactId } : {}) },
        }),
      ),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** Contacts to preview against, searched by name or email. */
export function usePreviewContacts(q: string) {
  return useQuery({
    queryKey: ["contacts", "list", q],
    queryFn: () => apiCall(api.contacts.$get({ query: { q: q || undefined, limit: "20" } })),
    placeholderData: keepPreviousData,
  });
}
