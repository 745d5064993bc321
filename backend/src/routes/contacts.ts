import { Hono } from "hono";
import { z } from "zod";
import { contactCreateSchema, contactListQuerySchema, contactUpdateSchema, idSchema } from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
import { requireWriter } from "../http/auth";
import { validate } from "../http/validate";
import {
  contactToApi,
  createContact,
  deleteContact,
  getContact,
  listContacts,
  updateContact,
  upsertContactByEmail,
} from "../repo/contacts";

const idParam = z.object({ id: idSchema });

export const contactsRoutes = new Hono<AppEnv>()
  .get("/", validate("query", contactListQuerySchema), async (c) => {
    const page = await listContacts(c.var.db, c.var.auth.workspaceId, c.req.valid("query"));
    return c.json({ items: page.items.map(contactToApi), nextCursor: page.nextCursor }, 200);
  })
  .post("/", requireWriter, validate("json", contactCreateSchema), async (c) => {
    const row = await createContact(c.var.db, {
      workspaceId: c.var.auth.workspaceId,
      actor: c.var.auth.userId,
      data: c.req.valid("json"),
    });
    return c.json(contactToApi(row), 201);
  })
  .put("/upsert", requireWriter, validate("json", contactCreateSchema), async (c) => {
    const { row, created } = await upsertContactByEmail(c.var.db, {
      workspaceId: c.var.auth.workspaceId,
      actor: c.var.auth.userId,
      data: c.req.valid("json"),
    });
    return c.json(contactToApi(row), created ? 201 : 200);
  })
  .get("/:id", validate("param", idParam), async (c) => {
    const row = await getContact(c.var.db, c.var.auth.workspaceId, c.req.valid("param").id);
    return c.json(contactToApi(row), 200);
  })
  .patch("/:id", requireWriter, validate("param", idParam), validate("json", contactUpdateSchema), async (c) => {
    const row = await updateContact(c.var.db, {
      workspaceId: c.var.auth.workspaceId,
      actor: c.var.auth.userId,
      id: c.req.valid("param").id,
      data: c.req.valid("json"),
    });
    return c.json(contactToApi(row), 200);
  })
  .delete("/:id", requireWriter, validate("param", idParam), async (c) => {
    await deleteContact(c.var.db, c.var.auth.workspaceId, c.req.valid("param").id);
    return c.json({ deleted: true }, 200);
  });
