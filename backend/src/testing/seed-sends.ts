// Seeds sequences, enrollments and sent send_jobs directly (tests and benchmarks of tracking/analytics,
// independent of the dispatcher). Every row carries the given workspace id.
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { contacts, enrollments, sendJobs, sequenceSteps, sequences, templates, timelineEvents } from "../db/schema";

export function seedSends(db: Db, workspaceId: string) {
  return {
    async contact(input: { email: string; timeZone?: string | null; country?: string | null; ownerId?: string | null }) {
      const id = newId("ct");
      await db.insert(contacts).values({
        id,
        workspaceId,
        email: input.email.toLowerCase(),
        timeZone: input.timeZone ?? null,
        country: input.country ?? null,
        ownerId: input.ownerId ?? null,
      });
      return id;
    },

    async template(input: { name: string; ownerId?: string | null }) {
      const id = newId("tp");
      await db.insert(templates).values({
        id,
        workspaceId,
        name: input.name,
        subject: input.name,
        bodyHtml: "<p>hi</p>",
        ownerId: input.ownerId ?? null,
      });
      return id;
    },

    async sequence(input: { name: string; ownerId?: string | null; steps: { templateId?: string }[] }) {
      const id = newId("sq");
      await db.insert(sequences).values({ id, workspaceId, name: input.name, ownerId: input.ownerId ?? null });
      const stepIds: string[] = [];
      for (const [position, step] of input.steps.entries()) {
        const stepId = newId("st");
        stepIds.push(stepId);
        await db.insert(sequenceSteps).values({
          id: stepId,
          workspaceId,
          sequenceId: id,
          position,
          kind: "email",
          config: step.templateId ? { templateId: step.templateId } : {},
        });
      }
      return { id, stepIds };
    },

    async enrollment(input: {
      contactId: string;
      sequenceId: string;
      ownerId?: string | null;
      createdAt: number;
      state?: (typeof enrollments.$inferInsert)["state"];
      stateChangedAt?: number;
    }) {
      const id = newId("en");
      await db.insert(enrollments).values({
        id,
        workspaceId,
        contactId: input.contactId,
        sequenceId: input.sequenceId,
        ownerId: input.ownerId ?? null,
        state: input.state ?? "active",
        stateChangedAt: input.stateChangedAt ?? input.createdAt,
        createdAt: input.createdAt,
      });
      return id;
    },

    async send(input: { enrollmentId: string; stepId: string; sentAt: number | null; variant?: string | null }) {
      const id = newId("sj");
      await db.insert(sendJobs).values({
        id,
        workspaceId,
        enrollmentId: input.enrollmentId,
        stepId: input.stepId,
        idempotencyKey: `${input.enrollmentId}:${input.stepId}`,
        status: input.sentAt === null ? "queued" : "sent",
        runAt: input.sentAt ?? Date.now(),
        sentAt: input.sentAt,
        variant: input.variant ?? null,
      });
      return id;
    },

    async timeline(input: { contactId: string; type: string; occurredAt: number; payload?: Record<string, unknown> }) {
      await db.insert(timelineEvents).values({
        id: newId("tl"),
        workspaceId,
        contactId: input.contactId,
        type: input.type,
        actor: "system:inbound",
        occurredAt: input.occurredAt,
        payload: input.payload ?? {},
      });
    },
  };
}
