import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Note } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { notes, timelineEvents } from "../db/schema";
import { ApiError, notFound } from "../http/api-error";
import type { Auth } from "../http/auth";
import { getContact } from "./contacts";

export type NoteRow = typeof notes.$inferSelect;

export const noteToApi = (row: NoteRow): Note => ({
  id: row.id,
  contactId: row.contactId,
  authorId: row.authorId,
  body: row.body,
  createdAt: new Date(row.createdAt).toISOString(),
});

// The timeline shows the start of a note; the full text stays in the notes table.
const EXCERPT = 500;

/** Adds a note to a contact and a `note` timeline event, in one transaction. */
export async function addNote(db: Db, input: { auth: Auth; contactId: string; body: string }): Promise<NoteRow> {
  const { workspaceId, userId } = input.auth;
  return db.transaction(async (tx) => {
    await getContact(tx, workspaceId, input.contactId);
    const id = newId("nt");
    const now = Date.now();
    const row = { id, workspaceId, contactId: input.contactId, authorId: userId, body: input.body, createdAt: now };
    await tx.insert(notes).values(row);
    await tx.insert(timelineEvents).values({
      id: newId("ev"),
      workspaceId,
      contactId: input.contactId,
      type: "note",
      actor: userId,
      occurredAt: now,
      payload: { noteId: id, excerpt: input.body.slice(0, EXCERPT), truncated: input.body.length > EXCERPT },
    });
    return row;
  });
}

/** A contact's notes, newest first; cursor = last id of the previous page. */
export async function listNotes(db: Db, workspaceId: string, contactId: string, f: { limit: number; cursor?: string }) {
  await getContact(db, workspaceId, contactId);
  const rows = await db
    .select()
    .from(notes)
    .where(and(eq(notes.workspaceId, workspaceId), eq(notes.contactId, contactId), f.cursor ? lt(notes.id, f.cursor) : undefined))
    .orderBy(desc(notes.id))
    .limit(f.limit + 1);
  const more = rows.length > f.limit;
  const items = more ? rows.slice(0, f.limit) : rows;
  return { items, nextCursor: more ? (items[items.length - 1]?.id ?? null) : null };
}

/** Deletes a note and its timeline event. Reps delete their own notes; admins and owners any note. */
export async function deleteNote(db: Db, input: { auth: Auth; id: string }): Promise<void> {
  const { workspaceId, userId, role } = input.auth;
  await db.transaction(async (tx) => {
    const row = (
      await tx
        .select()
        .from(notes)
        .where(and(eq(notes.workspaceId, workspaceId), eq(notes.id, input.id)))
        .limit(1)
    )[0];
    if (!row) throw notFound(`Note ${input.id}`);
    if (row.authorId !== userId && role !== "admin" && role !== "owner") {
      throw new ApiError("forbidden", "Only the note's author or an admin can delete this note.");
    }
    await tx
      .delete(timelineEvents)
      .where(
        and(
          eq(timelineEvents.workspaceId, workspaceId),
          eq(timelineEvents.contactId, row.contactId),
          eq(timelineEvents.type, "note"),
          sql`json_extract(${timelineEvents.payload}, '$.noteId') = ${row.id}`,
        ),
      );
    await tx.delete(notes).where(and(eq(notes.workspaceId, workspaceId), eq(notes.id, row.id)));
  });
}
