import { contactSchema, type Contact, type ContactUpdate } from "@threadline/shared/schemas";
import { backendRequest } from "../backend-request";
import { handleMessage } from "../handle-message";

export default handleMessage<{ id: string; patch: ContactUpdate }, Contact>(({ id, patch }) =>
  backendRequest({ method: "PATCH", path: `/api/v1/contacts/${encodeURIComponent(id)}`, body: patch, schema: contactSchema }),
);
