import type { EnrollRequest } from "@threadline/shared/ui";
import { z } from "zod";
import { BackendFailure } from "../backend-failure";
import { backendRequest } from "../backend-request";
import { handleMessage } from "../handle-message";

const withId = z.object({ id: z.string() });
// The enroll route may answer with the enrollment, a list of them, or a summary holding them.
const enrolled = z.union([
  withId,
  z.array(withId),
  z.object({ items: z.array(withId) }).transform((v) => v.items),
  z.object({ enrollments: z.array(withId) }).transform((v) => v.enrollments),
  z.object({ created: z.array(withId) }).transform((v) => v.created),
]);

export default handleMessage<EnrollRequest, { id: string }>(async (req) => {
  const result = await backendRequest({
    method: "POST",
    path: "/api/v1/enrollments",
    body: {
      sequenceId: req.sequenceId,
      contactIds: [req.contactId],
      ...(req.mailboxId ? { mailboxId: req.mailboxId } : {}),
      ...(req.thread ? { thread: req.thread } : {}),
      ...(req.startAt === "now" ? { startAt: new Date().toISOString() } : {}),
    },
    schema: enrolled,
  });
  const first = Array.isArray(result) ? result[0] : result;
  if (!first) {
    throw new BackendFailure({
      kind: "invalid",
      message: "The contact was not enrolled (already in this sequence, or suppressed).",
      status: null,
    });
  }
  return { id: first.id };
});
