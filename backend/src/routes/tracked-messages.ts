// POST /tracked-messages: open tracking for a message the rep writes by hand with a template inserted from the
// sidebar (Outlook appends the returned <img> when the message is sent). One call per composed message.
import { Hono } from "hono";
import { trackedMessageCreateSchema, trackedMessageSchema } from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
import { requireWriter } from "../http/auth";
import { validate } from "../http/validate";
import type { RouteSpec } from "../openapi/route-spec";
import { createTrackedMessage } from "../repo/tracked-messages";

export const trackedMessagesRoutes = new Hono<AppEnv>().post(
  "/",
  requireWriter,
  validate("json", trackedMessageCreateSchema),
  async (c) => {
    const message = await createTrackedMessage(c.var.db, {
      auth: c.var.auth,
      data: c.req.valid("json"),
      publicUrl: c.var.config.trackingUrl ?? c.var.config.publicUrl,
      signingSecret: c.var.config.signingSecret,
    });
    return c.json(message, 201);
  },
);

export const trackedMessagesSpec: RouteSpec[] = [
  {
    method: "post",
    path: "/tracked-messages",
    summary:
      "Track opens of one hand-written message (a template inserted in Outlook/Gmail): finds or creates the recipient's contact and returns the signed pixel URL and the <img> to append at send. Opens are labelled like a sequence's, land on the contact's timeline and count toward the template's analytics (never a sequence's). 404 for a template not visible to the caller; 409 (nothing written) for a suppressed, erased or consent-withdrawn recipient",
    role: "rep",
    body: trackedMessageCreateSchema,
    responses: { 201: trackedMessageSchema },
    errors: [403, 404, 409],
  },
];
