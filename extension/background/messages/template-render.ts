import { renderResultSchema, type RenderResult } from "@threadline/shared/schemas";
import { backendRequest } from "../backend-request";
import { handleMessage } from "../handle-message";

export interface TemplateRenderBody {
  templateId: string;
  input: { contactId?: string; email?: string; variables?: Record<string, unknown> };
}

export default handleMessage<TemplateRenderBody, RenderResult>(({ templateId, input }) =>
  backendRequest({
    method: "POST",
    path: `/api/v1/templates/${encodeURIComponent(templateId)}/render`,
    body: input,
    schema: renderResultSchema,
  }),
);
