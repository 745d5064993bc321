import { and, eq } from "drizzle-orm";
import type { Contact, ContactUpdate, ContactWrite } from "@threadline/shared/schemas";
import { isFreeMailDomain } from "@threadline/shared/domain/free-mail-domains";
import { companyNameFromDomain } from "@threadline/shared/domain/suggest-contact";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { companies, contacts, timelineEvents, users } from "../db/schema";
import { removeContactRows } from "./remove-contact-rows";
import { ApiError, notFound } from "../http/api-error";
import { noteKnownDomain } from "../card/known-domains";
import { applyRulesOnContactCreated } from "../rules/apply-rules";

export type ContactRow = typeof contacts.$inferSelect;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type DbOrTx = Db | Tx;

const iso = (ms: number) => new Date(ms).toISOString();

export function contactToApi(row: ContactRow): Contact {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    firstName: row.firstName,
    lastName: row.lastName,
    title: row.title,
    phone: row.phone,
    country: row.country,
    timeZone: row.timeZone,
    language: row.language,
    stage: row.stage,
    tags: row.tags,
    ownerId: row.ownerId,
    companyId: row.companyId,
    source: row.source,
    consentStatus: row.consentStatus,
    customFields: row.customFields,
    emailStatus: row.emailStatus,
    hot: row.hot,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export const emailDomain = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

export { companyNameFromDomain };

/** The company for an email's domain, created on first sight; null for free-mail/ISP domains. */
async function ensureCompany(tx: DbOrTx, workspaceId: string, email: string, country: string | null): Promise<string | null> {
  const domain = emailDomain(email);
  if (isFreeMailDomain(domain)) return null;
  const existing = await tx
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.workspaceId, workspaceId), eq(companies.domain, domain)))
    .limit(1);
  if (existing[0]) return existing[0].id;
  const id = newId("co");
  await tx
    .insert(companies)
    .values({ id, workspaceId, domain, name: companyNameFromDomain(domain), country })
    .onConflictDoNothing();
  const again = await tx
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.workspaceId, workspaceId), eq(companies.domain, domain)))
    .limit(1);
  return again[0]?.id ?? null;
}

export async function assertOwnerInWorkspace(tx: DbOrTx, workspaceId: string, ownerId: string | null | undefined) {
  if (!ownerId) return;
  const found = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, ownerId)))
    .limit(1);
  if (!found[0])
    throw new ApiError("bad_request", `ownerId: no user ${ownerId} in this workspace.`, {
      fields: [{ path: "ownerId", message: "unknown user" }],
    });
}

export async function findContactById(db: DbOrTx, workspaceId: string, id: string): Promise<ContactRow | undefined> {
  const rows = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)))
    .limit(1);
  return rows[0];
}

export async function getContact(db: DbOrTx, workspaceId: string, id: string): Promise<ContactRow> {
  const row = await findContactById(db, workspaceId, id);
  if (!row) throw notFound(`Contact ${id}`);
  return row;
}

export async function findContactByEmail(db: DbOrTx, workspaceId: string, email: string): Promise<ContactRow | undefined> {
  const rows = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.email, email.toLowerCase())))
    .limit(1);
  return rows[0];
}

/**
 * Inserts a new contact inside the caller's transaction: its company (from the domain), the contact_created timeline
 * event and the contact_created rules. The caller has checked the address is new; after commit it calls
 * `noteContactDomain`.
 */
export async function insertContact(
  tx: Tx,
  input: { workspaceId: string; actor: string; data: ContactWrite },
): Promise<ContactRow> {
  const { workspaceId, actor, data } = input;
  await assertOwnerInWorkspace(tx, workspaceId, data.ownerId);
  const companyId = await ensureCompany(tx, workspaceId, data.email, data.country ?? null);
  const id = newId("ct");
  const now = Date.now();
  await tx.insert(contacts).values({ ...data, id, workspaceId, companyId, createdAt: now, updatedAt: now });
  await tx.insert(timelineEvents).values({
    id: newId("ev"),
    workspaceId,
    contactId: id,
    type: "contact_created",
    actor,
    occurredAt: now,
    payload: { source: data.source ?? null },
  });
  await applyRulesOnContactCreated(tx, { workspaceId, contactId: id });
  return (await findContactById(tx, workspaceId, id))!;
}

/** After a contact was created (committed): its domain becomes known to the look-alike check. */
export function noteContactDomain(db: Db, row: ContactRow) {
  if (row.companyId) noteKnownDomain(db, row.workspaceId, emailDomain(row.email));
}

/** Creates a contact (and its company). 409 when the email already exists in the workspace. */
export async function createContact(
  db: Db,
  input: { workspaceId: string; actor: string; data: ContactWrite },
): Promise<ContactRow> {
  const row = await db.transaction(async (tx) => {
    if (await findContactByEmail(tx, input.workspaceId, input.data.email)) {
      throw new ApiError("conflict", `A contact with the email ${input.data.email} already exists; update it or use upsert.`);
    }
    return insertContact(tx, input);
  });
  noteContactDomain(db, row);
  return row;
}

/** The timeline event of a stage change (one edit or a bulk "set stage"). */
export function stageChangeEvent(e: {
  workspaceId: string;
  contactId: string;
  actor: string;
  now: number;
  from: string;
  to: string;
}) {
  return {
    id: newId("ev"),
    workspaceId: e.workspaceId,
    contactId: e.contactId,
    type: "stage_change" as const,
    actor: e.actor,
    occurredAt: e.now,
    payload: { from: e.from, to: e.to },
  };
}

/** Partial update; a stage change writes a timeline event in the same transaction. */
export async function updateContact(
  db: Db,
  input: { workspaceId: string; actor: string; id: string; data: ContactUpdate },
): Promise<ContactRow> {
  const { workspaceId, actor, id, data } = input;
  const row = await db.transaction(async (tx) => {
    const before = await getContact(tx, workspaceId, id);
    await assertOwnerInWorkspace(tx, workspaceId, data.ownerId);
    if (data.email && data.email !== before.email) {
      const clash = await findContactByEmail(tx, workspaceId, data.email);
      if (clash) throw new ApiError("conflict", `Another contact already uses ${data.email}.`);
    }
    const now = Date.now();
    const companyId =
      data.email && data.email !== before.email
        ? await ensureCompany(tx, workspaceId, data.email, data.country ?? before.country)
        : before.companyId;
    await tx
      .update(contacts)
      .set({ ...data, companyId, updatedAt: now })
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));
    if (data.stage && data.stage !== before.stage) {
      await tx
        .insert(timelineEvents)
        .values(stageChangeEvent({ workspaceId, contactId: id, actor, now, from: before.stage, to: data.stage }));
    }
    return (await findContactById(tx, workspaceId, id))!;
  });
  if (row.companyId && data.email) noteKnownDomain(db, workspaceId, emailDomain(row.email));
  return row;
}

/** Create or update by email: returns the row and whether it was created. */
export async function upsertContactByEmail(
  db: Db,
  input: { workspaceId: string; actor: string; data: ContactWrite },
): Promise<{ row: ContactRow; created: boolean }> {
  const existing = await findContactByEmail(db, input.workspaceId, input.data.email);
  if (existing) {
    const { email: _email, ...rest } = input.data;
    return { row: await updateContact(db, { ...input, id: existing.id, data: rest }), created: false };
  }
  return { row: await createContact(db, input), created: true };
}

/** Deletes a contact with its notes, timeline and hand-tracked messages (in one transaction). */
export async function deleteContact(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await getContact(tx, workspaceId, id);
    // With its enrollments, send jobs, opens, tracked messages, tasks, notes and timeline; a later fetch of an
    // old pixel finds no message and is dropped.
    await removeContactRows(tx, workspaceId, id);
  });
}
