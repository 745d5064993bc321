// Erasure of one person (GDPR art. 17 / PIPL art. 47): everything about them goes, in one transaction;
// their address survives only as a hash in suppressions, so nobody mails them again by accident.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { auditLog, imports, inboundMessages, outboxMessages, suppressions } from "../db/schema";
import { addressHash } from "../security/address-hash";
import { getContact } from "./contacts";
import { removeContactRows, type RemovedContactRows } from "./remove-contact-rows";

export const ERASED_ADDRESS = "erased@erased.invalid";
export const ERASED_NAME = "[erased]";

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The address and every name we know for the person, replaced in a stored raw message. */
export function redactRaw(raw: string, person: { email: string; names: string[] }): string {
  let out = raw.replace(new RegExp(escapeRegExp(person.email), "gi"), ERASED_ADDRESS);
  const names = [...new Set(person.names.map((n) => n.trim()).filter((n) => n.length >= 2))].sort((a, b) => b.length - a.length);
  for (const name of names) out = out.replace(new RegExp(escapeRegExp(name), "gi"), ERASED_NAME);
  return out;
}

export interface ErasureResult extends Omit<RemovedContactRows, "jobIds"> {
  contactId: string;
  outboxRedacted: number;
  inboundRedacted: number;
}

export async function eraseContact(
  db: Db,
  input: { workspaceId: string; actorId: string; contactId: string },
): Promise<ErasureResult> {
  const { workspaceId, contactId } = input;
  return db.transaction(async (tx) => {
    const contact = await getContact(tx, workspaceId, contactId);
    const person = {
      email: contact.email,
      names: [
        contact.displayName,
        [contact.firstName, contact.lastName].filter(Boolean).join(" "),
        [contact.lastName, contact.firstName].filter(Boolean).join(" "),
        [contact.lastName, contact.firstName].filter(Boolean).join(""),
        contact.firstName && contact.firstName.length >= 3 ? contact.firstName : null,
        contact.lastName && contact.lastName.length >= 3 ? contact.lastName : null,
      ].filter((n): n is string => !!n),
    };
    const ws = (col: SQLiteColumn) => eq(col, workspaceId);

    // Received mail: the row stays so the message is not ingested again, without address, subject or evidence.
    const inbound = await tx
      .update(inboundMessages)
      .set({ fromAddress: null, subject: null, evidence: [], contactId: null })
      .where(
        and(
          ws(inboundMessages.workspaceId),
          sql`(${inboundMessages.contactId} = ${contactId} OR lower(${inboundMessages.fromAddress}) = ${contact.email})`,
        ),
      )
      .returning({ id: inboundMessages.id });

    // The contact and everything hanging off it (refused while a message to them is being sent).
    const { jobIds, ...removed } = await removeContactRows(tx, workspaceId, contactId);

    // Outbox copies: the stored raw message keeps its place (message ids, threading) but not the person.
    const outbox = await tx
      .select({ id: outboxMessages.id, raw: outboxMessages.raw })
      .from(outboxMessages)
      .where(and(ws(outboxMessages.workspaceId), sql`${outboxMessages.raw} LIKE ${`%${contact.email}%`}`));
    const linkedOutbox =
      jobIds.length === 0
        ? []
        : await tx
            .select({ id: outboxMessages.id, raw: outboxMessages.raw })
            .from(outboxMessages)
            .where(and(ws(outboxMessages.workspaceId), inArray(outboxMessages.sendJobId, jobIds)));
    const toRedact = new Map([...outbox, ...linkedOutbox].map((m) => [m.id, m.raw]));
    for (const [id, raw] of toRedact) {
      await tx
        .update(outboxMessages)
        .set({ raw: redactRaw(raw, person) })
        .where(and(ws(outboxMessages.workspaceId), eq(outboxMessages.id, id)));
    }

    // Import error reports quote rejected rows, which may include this address.
    const reports = await tx
      .select({ id: imports.id, errorReport: imports.errorReport })
      .from(imports)
      .where(and(ws(imports.workspaceId), sql`${imports.errorReport} LIKE ${`%${contact.email}%`}`));
    for (const r of reports) {
      await tx
        .update(imports)
        .set({ errorReport: redactRaw(r.errorReport ?? "", person) })
        .where(and(ws(imports.workspaceId), eq(imports.id, r.id)));
    }

    // The plain-address suppression would keep the address: it becomes a hash like the rest.
    await tx
      .delete(suppressions)
      .where(and(ws(suppressions.workspaceId), eq(suppressions.kind, "address"), eq(suppressions.value, contact.email)));
    await tx
      .insert(suppressions)
      .values({
        id: newId("sp"),
        workspaceId,
        kind: "address_hash",
        value: addressHash(contact.email),
        reason: "erasure",
        note: `erased contact ${contactId}`,
      })
      .onConflictDoNothing();

    const result: ErasureResult = {
      contactId,
      ...removed,
      outboxRedacted: toRedact.size,
      inboundRedacted: inbound.length,
    };
    await tx.insert(auditLog).values({
      id: newId("au"),
      workspaceId,
      actorId: input.actorId,
      action: "contact.erased",
      target: contactId,
      // Counts only: the audit log must not become a copy of what was erased.
      details: { ...result },
    });
    return result;
  });
}
