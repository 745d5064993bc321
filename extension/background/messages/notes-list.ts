import { noteSchema, type Note } from "@threadline/shared/schemas";
import { backendRequest } from "../backend-request";
import { handleMessage } from "../handle-message";
import { looseList } from "../loose-list";

export default handleMessage<{ contactId: string }, Note[]>(({ contactId }) =>
  backendRequest({ path: `/api/v1/contacts/${encodeURIComponent(contactId)}/notes`, schema: looseList(noteSchema) }),
);
