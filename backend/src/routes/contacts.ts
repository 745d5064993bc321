import { Hono } from "hono";
import { z } from "zod";
import {
  contactCountQuerySchema,
  contactCreateSchema,
  contactListPageSchema,
  contactListQuerySchema,
  contactSchema,
  contactUpdateSchema,
  deletedSchema,
  idSchema,
} from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
import { requireWriter } from "../http/auth";
import { validate } from "../http/validate";
import type { RouteSpec } from "../openapi/route-spec";
import { contactToApi, createContact, deleteContact, getContact, updateContact, upsertContactByEmail } from "../repo/contacts";
import { countContacts, listContactPage, resolveFilter } from "../repo/contact-list";

const idParam = z.object({ id: idSchema });

export const contactsRoutes = new Hono<AppEnv>()
  .get("/", validate("query", contactListQuerySchema), async (c) =>
    c.json(await listContactPage(c.var.db, c.var.auth.workspaceId, c.req.valid("query")), 200),
  )
  // Before /:id, which would otherwise take "count" for an id.
  .get("/count", validate("query", contactCountQuerySchema), async (c) => {
    const { db, auth } = c.var;
    return c.json(
      { count: await countContacts(db, auth.workspaceId, await resolveFilter(db, auth.workspaceId, c.req.valid("query"))) },
      200,
    );
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

export const contactsSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/contacts",
    summary:
      "List or search contacts (q over name, email and company; tag, stage, owner, country, email status, in-sequence and last-activity filters; a saved segment; sort by created, updated, email or name), keyset-paged",
    query: contactListQuerySchema,
    responses: { 200: contactListPageSchema },
    errors: [404],
  },
  {
    method: "get",
    path: "/contacts/count",
    summary: 'How many contacts a filter (or segment) matches: the "select all N matching" of the Contacts page',
    query: contactCountQuerySchema,
    responses: { 200: z.object({ count: z.number().int() }) },
    errors: [404],
  },
  {
    method: "post",
    path: "/contacts",
    summary: "Create a contact (its company is created from the email domain unless free-mail)",
    role: "rep",
    body: contactCreateSchema,
    responses: { 201: contactSchema },
    errors: [403, 409],
  },
  {
    method: "put",
    path: "/contacts/upsert",
    summary: "Create or update a contact by email (201 created, 200 updated)",
    role: "rep",
    body: contactCreateSchema,
    responses: { 200: contactSchema, 201: contactSchema },
    errors: [403],
  },
  {
    method: "get",
    path: "/contacts/{id}",
    summary: "Get a contact",
    params: idParam,
    responses: { 200: contactSchema },
    errors: [404],
  },
  {
    method: "patch",
    path: "/contacts/{id}",
    summary: "Update a contact (partial); a stage change writes a timeline event",
    role: "rep",
    params: idParam,
    body: contactUpdateSchema,
    responses: { 200: contactSchema },
    errors: [403, 404, 409],
  },
  {
    method: "delete",
    path: "/contacts/{id}",
    summary:
      "Delete a contact with everything hanging off it: enrollments (and their queued follow-ups), opens and clicks, tracked messages, tasks, notes, timeline. 409 while a follow-up to it is being sent",
    role: "rep",
    params: idParam,
    responses: { 200: deletedSchema },
    errors: [403, 404, 409],
  },
];
