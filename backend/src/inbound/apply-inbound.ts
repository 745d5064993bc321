// The one stop-rules engine at the edge: parse → classify → match → decide (pure) → apply, all writes in
// one write transaction, idempotent on (mailbox, provider id) through inbound_messages.
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { classifyInbound, type InboundClassification } from "@threadline/shared/domain/classify-inbound";
import { decideInbound, type InboundDecision } from "@threadline/shared/domain/decide-inbound";
import { isFreeMailDomain } from "@threadline/shared/domain/free-mail-domains";
import { isMachineSender } from "@threadline/shared/domain/is-machine-sender";
import { readInboundRules } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { setEnrollmentStateInTx, stopContactEnrollments } from "../enrollments/set-enrollment-state";
import { emailDomain } from "../repo/contacts";
import { addSuppression, type DbOrTx } from "../repo/suppressions";
import { contacts, enrollments, inboundMessages, mailboxes, sendJobs, sequences, timelineEvents } from "../db/schema";
import { createHandoff } from "./create-handoff";
import { createVerifySenderTask } from "./create-verify-sender-task";
import { matchInbound, type InboundMatch } from "./match-inbound";
import { parseRawMessage, type RawMessageInfo } from "./parse-raw-message";

export const INBOUND_ACTOR = "system:inbound";

export interface ApplyInboundInput {
  workspaceId: string;
  mailboxId: string;
  /** Provider's id of the message (Gmail id, Graph id, IMAP uidvalidity:uid). */
  providerId: string;
  raw: Buffer | string;
  /** Gmail thread id / Graph conversation id, when the provider gives one. */
  threadId?: string | null;
  now?: number;
}

export interface ApplyInboundResult {
  duplicate: boolean;
  inboundId: string | null;
  classification: InboundClassification;
  decision: InboundDecision | null;
  match: InboundMatch["by"] | null;
  matchedSendJobId: string | null;
  contactId: string | null;
}

export async function applyInbound(db: Db, input: ApplyInboundInput): Promise<ApplyInboundResult> {
  const info = await parseRawMessage(input.raw);
  const classification = classifyInbound(info.parsed);
  return db.transaction((tx) => applyParsedInTx(tx, input, info, classification));
}

async function applyParsedInTx(
  tx: DbOrTx,
  input: ApplyInboundInput,
  info: RawMessageInfo,
  classification: InboundClassification,
): Promise<ApplyInboundResult> {
  const now = input.now ?? Date.now();
  const { workspaceId } = input;
  const inboundId = newId("in");
  const inserted = await tx
    .insert(inboundMessages)
    .values({
      id: inboundId,
      workspaceId,
      mailboxId: input.mailboxId,
      providerId: input.providerId,
      messageId: info.messageId,
      fromAddress: info.parsed.from,
      subject: info.parsed.subject.slice(0, 998),
      kind: classification.kind,
      evidence: classification.evidence,
      receivedAt: info.receivedAt ?? now,
    })
    .onConflictDoNothing()
    .returning({ id: inboundMessages.id });
  if (inserted.length === 0) {
    return {
      duplicate: true,
      inboundId: null,
      classification,
      decision: null,
      match: null,
      matchedSendJobId: null,
      contactId: null,
    };
  }

  const match = await matchInbound(tx, {
    workspaceId,
    referencedIds: info.referencedIds,
    threadId: input.threadId ?? null,
    originalMessageId: classification.originalMessageId,
  });
  const enrollment = match
    ? (
        await tx
          .select()
          .from(enrollments)
          .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.id, match.job.enrollmentId)))
          .limit(1)
      )[0]
    : undefined;
  const sequence = enrollment
    ? (await tx.select().from(sequences).where(eq(sequences.id, enrollment.sequenceId)).limit(1))[0]
    : undefined;

  const fromMachine = isMachineSender(info.parsed);
  // Whose card this lands on: the enrolled contact for anything in our thread (a colleague's or alias's reply
  // counts for the contact we wrote to), else the sender when we know them.
  let contactId = enrollment?.contactId ?? null;
  if (!contactId && !fromMachine && info.senders.length > 0) {
    const known = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.email, info.senders)))
      .limit(1);
    contactId = known[0]?.id ?? null;
  }
  const contact = contactId ? (await tx.select().from(contacts).where(eq(contacts.id, contactId)).limit(1))[0] : undefined;

  const rules = readInboundRules(sequence?.settings);
  const decision = decideInbound({
    classification,
    matched: Boolean(match),
    fromMachine,
    enrollment: enrollment ? { state: enrollment.state, softBounces: enrollment.softBounces } : null,
    rules,
    now,
    zone: contact?.timeZone ?? sequence?.timeZone ?? "UTC",
  });

  const evidence = [
    ...classification.evidence,
    ...(match ? [`matched our send ${match.job.id} by ${match.by.replace("_", " ")}`] : []),
  ];
  const base = { workspaceId, actor: INBOUND_ACTOR, now };

  if (enrollment && decision.enrollment) {
    // Leaving `active` cancels the queued/leased send jobs in this same write: the dispatcher re-checks the
    // state when it marks a job `sending`, so nothing further is sent once this commits.
    await setEnrollmentStateInTx(tx, {
      ...base,
      enrollmentId: enrollment.id,
      state: decision.enrollment.state,
      reason: decision.enrollment.reason,
    });
    if (decision.enrollment.state === "paused") {
      await tx.update(enrollments).set({ pausedUntil: decision.enrollment.pausedUntil }).where(eq(enrollments.id, enrollment.id));
    }
  }
  if (decision.softBounces !== null && enrollment) {
    await tx.update(enrollments).set({ softBounces: decision.softBounces }).where(eq(enrollments.id, enrollment.id));
  }
  if (decision.retryAt !== null && match) {
    // Retry the bounced step: its job goes back to the queue (the idempotency key keeps it one job).
    await tx
      .update(sendJobs)
      .set({
        status: "queued",
        runAt: decision.retryAt,
        leaseOwner: null,
        leaseExpiresAt: null,
        attempts: sql`${sendJobs.attempts} + 1`,
        lastError: `soft bounce${classification.status ? ` ${classification.status}` : ""}`,
      })
      .where(and(eq(sendJobs.id, match.job.id), eq(sendJobs.status, "sent")));
  }

  // The address the decision is about: the bounced recipient is our contact; an unsubscribe is the sender's.
  const subjectAddress =
    decision.suppress === "unsubscribe" ? (info.parsed.from ?? contact?.email ?? null) : (contact?.email ?? null);
  if (decision.suppress && subjectAddress) {
    await addSuppression(tx, {
      workspaceId,
      kind: "address",
      value: subjectAddress,
      reason: decision.suppress,
      note: `inbound ${inboundId}`,
    });
  }
  if (decision.markEmailInvalid && contact) {
    await tx.update(contacts).set({ emailStatus: "invalid", updatedAt: now }).where(eq(contacts.id, contact.id));
  }

  if (decision.stopContactEnrollments) {
    const ids = new Set<string>();
    if (contact) ids.add(contact.id);
    if (decision.suppress === "unsubscribe" && info.parsed.from) {
      const sender = await tx
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.email, info.parsed.from)));
      for (const s of sender) ids.add(s.id);
    }
    for (const contactId of ids) {
      await stopContactEnrollments(tx, { ...base, contactId, state: decision.stopContactEnrollments, reason: decision.summary });
    }
  }
  if (decision.stopCompanyEnrollments && contact) {
    const domain = emailDomain(contact.email);
    if (!isFreeMailDomain(domain)) {
      const colleagues = await tx
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), like(contacts.email, `%@${domain}`)));
      for (const colleague of colleagues) {
        if (colleague.id === contact.id) continue;
        await stopContactEnrollments(tx, {
          ...base,
          contactId: colleague.id,
          state: "stopped",
          reason: `a colleague at ${domain} replied`,
        });
      }
    }
  }

  if (contact) {
    await tx.insert(timelineEvents).values({
      id: newId("ev"),
      workspaceId,
      contactId: contact.id,
      type: decision.timelineType,
      actor: INBOUND_ACTOR,
      occurredAt: info.receivedAt ?? now,
      payload: {
        inboundId,
        inboundKind: decision.kind,
        // "reason" is the line the card shows; "evidence" lists what decided it.
        reason: decision.summary,
        evidence,
        from: info.parsed.from,
        subject: info.parsed.subject,
        enrollmentId: enrollment?.id ?? null,
        sendJobId: match?.job.id ?? null,
        returnDate: classification.returnDate,
        status: classification.status,
        challengeService: classification.challengeService ?? null,
        pausedUntil: decision.enrollment?.pausedUntil ? new Date(decision.enrollment.pausedUntil).toISOString() : null,
      },
    });
  }

  // Who acts on a task this message asks for: the enrollment's owner, else the contact's, the sequence's, the mailbox's.
  const ownerId = async () =>
    enrollment?.ownerId ??
    contact?.ownerId ??
    sequence?.ownerId ??
    (await tx.select({ userId: mailboxes.userId }).from(mailboxes).where(eq(mailboxes.id, input.mailboxId)).limit(1))[0]
      ?.userId ??
    null;
  if (decision.verifySender && contact) {
    await createVerifySenderTask(tx, {
      ...base,
      contactId: contact.id,
      enrollmentId: enrollment?.id ?? null,
      ownerId: await ownerId(),
      contactEmail: contact.email,
      from: info.parsed.from,
      subject: info.parsed.subject,
      service: classification.challengeService ?? null,
      inboundId,
      dueAt: now + rules.handoff.taskDueHours * 3_600_000,
    });
  }
  if (decision.handoff && contact) {
    await createHandoff(tx, {
      ...base,
      contactId: contact.id,
      enrollmentId: enrollment?.id ?? null,
      ownerId: await ownerId(),
      reason: `${info.parsed.from ?? "the contact"} replied`,
      evidence,
      dueAt: now + rules.handoff.taskDueHours * 3_600_000,
    });
  }

  await tx
    .update(inboundMessages)
    .set({ kind: decision.kind, evidence, matchedSendJobId: match?.job.id ?? null, contactId: contact?.id ?? null })
    .where(eq(inboundMessages.id, inboundId));

  return {
    duplicate: false,
    inboundId,
    classification,
    decision,
    match: match?.by ?? null,
    matchedSendJobId: match?.job.id ?? null,
    contactId: contact?.id ?? null,
  };
}
