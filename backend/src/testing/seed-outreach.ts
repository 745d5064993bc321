// Test data for inbound tests: a mailbox, a two-step sequence, and for each contact an active enrollment
// whose first step was sent (send job with Message-ID and provider thread id).
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { contacts, enrollments, mailboxes, sendJobs, sequences, sequenceSteps } from "../db/schema";

export async function seedOutreach(
  db: Db,
  input: {
    workspaceId: string;
    userId: string;
    emails: string[];
    settings?: Record<string, unknown>;
    mailboxKind?: "gmail" | "microsoft" | "smtp" | "outbox";
    timeZone?: string;
    now?: number;
  },
) {
  const now = input.now ?? Date.now();
  const mailboxId = newId("mb");
  const sequenceId = newId("sq");
  const step1 = newId("st");
  const step2 = newId("st");
  await db.insert(mailboxes).values({
    id: mailboxId,
    workspaceId: input.workspaceId,
    userId: input.userId,
    kind: input.mailboxKind ?? "gmail",
    email: "anna@threadline-demo.com",
  });
  await db.insert(sequences).values({
    id: sequenceId,
    workspaceId: input.workspaceId,
    ownerId: input.userId,
    name: "Outreach",
    settings: input.settings ?? {},
  });
  await db.insert(sequenceSteps).values([
    {
      id: step1,
      workspaceId: input.workspaceId,
      sequenceId,
      position: 0,
      kind: "email",
      config: { subject: "Hello", bodyHtml: "<p>Hi</p>" },
    },
    {
      id: step2,
      workspaceId: input.workspaceId,
      sequenceId,
      position: 1,
      kind: "email",
      delayAmount: 3,
      config: { bodyHtml: "<p>Bump</p>" },
    },
  ]);
  const people = [];
  for (const [i, email] of input.emails.entries()) {
    const contactId = newId("ct");
    const enrollmentId = newId("en");
    const jobId = newId("sj");
    const nextJobId = newId("sj");
    await db
      .insert(contacts)
      .values({ id: contactId, workspaceId: input.workspaceId, email, timeZone: input.timeZone ?? "Europe/Berlin" });
    await db.insert(enrollments).values({
      id: enrollmentId,
      workspaceId: input.workspaceId,
      contactId,
      sequenceId,
      mailboxId,
      ownerId: input.userId,
      state: "active",
      stateChangedAt: now,
      stepsDone: 1,
      lastStepId: step1,
      lastStepAt: now - 3_600_000,
      nextRunAt: now + 3 * 86_400_000,
    });
    const messageId = `<seq-${i}-${jobId}@threadline-demo.com>`;
    await db.insert(sendJobs).values([
      {
        id: jobId,
        workspaceId: input.workspaceId,
        enrollmentId,
        stepId: step1,
        mailboxId,
        idempotencyKey: `${enrollmentId}:${step1}`,
        status: "sent",
        runAt: now - 3_600_000,
        messageId,
        providerMessageId: `gm-${jobId}`,
        providerThreadId: `thread-${jobId}`,
        sequenceId,
        subject: "Hello",
        sentAt: now - 3_600_000,
      },
      {
        id: nextJobId,
        workspaceId: input.workspaceId,
        enrollmentId,
        stepId: step2,
        mailboxId,
        idempotencyKey: `${enrollmentId}:${step2}`,
        sequenceId,
        status: "queued",
        runAt: now + 3 * 86_400_000,
      },
    ]);
    people.push({ email, contactId, enrollmentId, jobId, nextJobId, messageId, threadId: `thread-${jobId}` });
  }
  return { mailboxId, sequenceId, steps: [step1, step2], people };
}
