// Runs the workspace's rules against a contact and writes what they decide (tags, stage, owner).
import { and, eq } from "drizzle-orm";
import { detectLanguage } from "@threadline/shared/domain/detect-language";
import { evaluateRules, type RuleOutcome } from "@threadline/shared/domain/evaluate-rules";
import { newId } from "../db/new-id";
import { contacts, timelineEvents, users } from "../db/schema";
import type { DbOrTx } from "../repo/db-or-tx";
import { loadEvaluableRules } from "../repo/rules";

type ContactRow = typeof contacts.$inferSelect;

/** Writes an outcome to one contact; an owner who is not an active user of the workspace is ignored. */
async function writeOutcome(tx: DbOrTx, contact: ContactRow, outcome: RuleOutcome, actor: string): Promise<ContactRow> {
  if (outcome.matchedRuleIds.length === 0) return contact;
  const tags = [...contact.tags, ...outcome.addTags.filter((t) => !contact.tags.includes(t))];
  let ownerId = contact.ownerId;
  if (outcome.ownerId && outcome.ownerId !== contact.ownerId) {
    const owner = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.workspaceId, contact.workspaceId), eq(users.id, outcome.ownerId), eq(users.active, true)))
      .limit(1);
    if (owner[0]) ownerId = owner[0].id;
  }
  const stage = outcome.stage ?? contact.stage;
  if (tags.length === contact.tags.length && ownerId === contact.ownerId && stage === contact.stage) return contact;
  const now = Date.now();
  await tx
    .update(contacts)
    .set({ tags, ownerId, stage, updatedAt: now })
    .where(and(eq(contacts.workspaceId, contact.workspaceId), eq(contacts.id, contact.id)));
  if (stage !== contact.stage) {
    await tx.insert(timelineEvents).values({
      id: newId("ev"),
      workspaceId: contact.workspaceId,
      contactId: contact.id,
      type: "stage_change",
      actor,
      occurredAt: now,
      payload: { from: contact.stage, to: stage, ruleIds: outcome.matchedRuleIds },
    });
  }
  return { ...contact, tags, ownerId, stage, updatedAt: now };
}

async function loadContact(tx: DbOrTx, workspaceId: string, contactId: string) {
  const rows = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)))
    .limit(1);
  return rows[0];
}

/** `contact_created` rules; called by createContact inside its transaction. */
export async function applyRulesOnContactCreated(
  tx: DbOrTx,
  input: { workspaceId: string; contactId: string },
): Promise<RuleOutcome | null> {
  const rules = await loadEvaluableRules(tx, input.workspaceId, "contact_created");
  if (rules.length === 0) return null;
  const contact = await loadContact(tx, input.workspaceId, input.contactId);
  if (!contact) return null;
  const outcome = evaluateRules({
    rules,
    subject: { email: contact.email, country: contact.country, language: contact.language },
  });
  await writeOutcome(tx, contact, outcome, "system:rules");
  return outcome;
}

/**
 * `email_received` rules for an inbound message from a known contact (issue 4's inbound pipeline calls this,
 * ideally inside the transaction that records the message). Returns what matched, or null without a contact.
 */
export async function applyRulesOnEmailReceived(
  tx: DbOrTx,
  input: { workspaceId: string; contactId: string; fromAddress: string; subject?: string | null; body?: string | null },
): Promise<RuleOutcome | null> {
  const rules = await loadEvaluableRules(tx, input.workspaceId, "email_received");
  if (rules.length === 0) return null;
  const contact = await loadContact(tx, input.workspaceId, input.contactId);
  if (!contact) return null;
  const outcome = evaluateRules({
    rules,
    subject: {
      email: input.fromAddress,
      country: contact.country,
      // The message's own language first; the contact's (or country's) only when the text does not tell.
      language: detectLanguage({ text: `${input.subject ?? ""}\n${input.body ?? ""}` }) ?? contact.language,
      subject: input.subject ?? null,
      body: input.body ?? null,
    },
  });
  await writeOutcome(tx, contact, outcome, "system:rules");
  return outcome;
}
