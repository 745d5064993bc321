import { z } from "zod";
import { isoDateSchema } from "./common";

export const timelineEventTypes = [
  "note",
  "stage_change",
  "contact_created",
  "email_sent",
  "email_received",
  "open",
  "click",
  "reply",
  "auto_reply",
  "sender_verification",
  "bounce",
  "unsubscribe",
  "sequence_enrolled",
  "sequence_paused",
  "sequence_resumed",
  "sequence_stopped",
  "sequence_finished",
  "sequence_step_sent",
  "task_created",
  "task_completed",
  "handoff",
] as const;
export const timelineEventTypeSchema = z.enum(timelineEventTypes);
export type TimelineEventType = z.infer<typeof timelineEventTypeSchema>;

export const timelineEventSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  type: timelineEventTypeSchema,
  actor: z.string(),
  occurredAt: isoDateSchema,
  payload: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;
