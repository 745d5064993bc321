import { Hono } from "hono";
import { deletedSchema, idParamSchema, noteCreateSchema, noteSchema, page, pageQuerySchema } from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
import { requireWriter } from "../http/auth";
import { validate } from "../http/validate";
import type { RouteSpec } from "../openapi/route-spec";
import { addNote, deleteNote, listNotes, noteToApi } from "../repo/notes";

/** Mounted at /api/v1: notes live under their contact, and are deleted by their own id. */
export const notesRoutes = new Hono<AppEnv>()
  .get("/contacts/:id/notes", validate("param", idParamSchema), validate("query", pageQuerySchema), async (c) => {
    const r = await listNotes(c.var.db, c.var.auth.workspaceId, c.req.valid("param").id, c.req.valid("query"));
    return c.json({ items: r.items.map(noteToApi), nextCursor: r.nextCursor }, 200);
  })
  .post("/contacts/:id/notes", requireWriter, validate("param", idParamSchema), validate("json", noteCreateSchema), async (c) => {
    const row = await addNote(c.var.db, {
      auth: c.var.auth,
      contactId: c.req.valid("param").id,
      body: c.req.valid("json").body,
    });
    return c.json(noteToApi(row), 201);
  })
  .delete("/notes/:id", requireWriter, validate("param", idParamSchema), async (c) => {
    await deleteNote(c.var.db, { auth: c.var.auth, id: c.req.valid("param").id });
    return c.json({ deleted: true as const }, 200);
  });

export const notesSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/contacts/{id}/notes",
    summary: "A contact's notes, newest first",
    params: idParamSchema,
    query: pageQuerySchema,
    responses: { 200: page(noteSchema) },
    errors: [404],
  },
  {
    method: "post",
    path: "/contacts/{id}/notes",
    summary: "Add a note (also writes a `note` timeline event)",
    role: "rep",
    params: idParamSchema,
    body: noteCreateSchema,
    responses: { 201: noteSchema },
    errors: [403, 404],
  },
  {
    method: "delete",
    path: "/notes/{id}",
    summary: "Delete a note and its timeline event (author, admin or owner)",
    role: "rep",
    params: idParamSchema,
    responses: { 200: deletedSchema },
    errors: [403, 404],
  },
];
