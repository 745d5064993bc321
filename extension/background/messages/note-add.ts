import { noteSchema, type Note } from "@threadline/shared/schemas";
import { backendRequest } from "../backend-request";
import { handleMessage } from "../handle-message";

export default handleMessage<{ contactId: string; body: string }, Note>(({ contactId, body }) =>
  backendRequest({
    method: "POST",
    path: `/api/v1/contacts/${encodeURIComponent(contactId)}/notes`,
    body: { body },
    schema: noteSchema,
  }),
);
