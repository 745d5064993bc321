import { Hono } from "hono";
import { z } from "zod";
import { idSchema } from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
import type { RouteSpec } from "../openapi/route-spec";
import { requireRole } from "../http/auth";
import { validate } from "../http/validate";
import { eraseContact } from "../repo/erase-contact";

const idParam = z.object({ id: idSchema });

/** POST /contacts/:id/erase (admin): a person's right to erasure. Mounted beside the contacts routes. */
export const erasureRoutes = new Hono<AppEnv>().post(
  "/:id/erase",
  requireRole("admin"),
  validate("param", idParam),
  async (c) => {
    const result = await eraseContact(c.var.db, {
      workspaceId: c.var.auth.workspaceId,
      actorId: c.var.auth.userId,
      contactId: c.req.valid("param").id,
    });
    return c.json({ erased: true, ...result }, 200);
  },
);

const erasureResultSchema = z.object({
  erased: z.boolean(),
  contactId: z.string(),
  notes: z.number().int(),
  timelineEvents: z.number().int(),
  trackingEvents: z.number().int(),
  enrollments: z.number().int(),
  sendJobs: z.number().int(),
  trackedMessages: z.number().int(),
  tasks: z.number().int(),
  outboxRedacted: z.number().int(),
  inboundRedacted: z.number().int(),
});

export const erasureSpec: RouteSpec[] = [
  {
    method: "post",
    path: "/contacts/{id}/erase",
    summary:
      "Erase one person (GDPR/PIPL): contact, notes, timeline, tracking (also of hand-written tracked messages), enrollments and tasks removed, stored mail redacted, address kept only as a SHA-256 suppression; audited. 409 while a follow-up to the person is being sent",
    role: "admin",
    params: idParam,
    responses: { 200: erasureResultSchema },
    errors: [403, 404, 409],
  },
];
