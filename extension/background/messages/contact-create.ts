import { contactSchema, type Contact, type ContactWrite } from "@threadline/shared/schemas";
import { backendRequest } from "../backend-request";
import { handleMessage } from "../handle-message";

export default handleMessage<ContactWrite, Contact>((body) =>
  backendRequest({ method: "POST", path: "/api/v1/contacts", body, schema: contactSchema }),
);
