import { Hono } from "hono";
import { z } from "zod";
import { idSchema } from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
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
