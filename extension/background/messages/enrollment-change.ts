import type { EnrollmentAction } from "@threadline/shared/ui";
import { z } from "zod";
import { backendRequest } from "../backend-request";
import { handleMessage } from "../handle-message";

export default handleMessage<{ id: string; action: EnrollmentAction }, null>(async ({ id, action }) => {
  await backendRequest({
    method: "POST",
    path: `/api/v1/enrollments/${encodeURIComponent(id)}/${action}`,
    body: {},
    schema: z.unknown(),
  });
  return null;
});
