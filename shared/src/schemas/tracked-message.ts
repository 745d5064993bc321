import { z } from "zod";
import { emailSchema, idSchema, isoDateSchema } from "./common";

export const trackedMessageHosts = ["outlook", "gmail"] as const;

/** POST /api/v1/tracked-messages: a message the rep is writing by hand, with a template inserted from the sidebar. */
export const trackedMessageCreateSchema = z
  .object({
    /** The recipient the opens are attributed to (the first To recipient). */
    email: emailSchema,
    /** The recipient's display name as the mail client shows it; names a contact created for the address. */
    name: z.string().trim().max(200).optional(),
    /** The inserted template: its analytics count this message's opens. */
    templateId: idSchema.optional(),
    subject: z.string().max(998).optional(),
    host: z.enum(trackedMessageHosts),
    /** Outlook conversationId or Gmail thread id when the message is a reply. */
    threadId: z.string().trim().min(1).max(1000).optional(),
  })
  .strict();
export type TrackedMessageCreate = z.infer<typeof trackedMessageCreateSchema>;

export const trackedMessageSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  /** True when the recipient was not a contact yet and was created for this message. */
  contactCreated: z.boolean(),
  templateId: z.string().nullable(),
  host: z.enum(trackedMessageHosts),
  threadId: z.string().nullable(),
  subject: z.string().nullable(),
  /** The signed open-pixel URL (GET answers a 1×1 GIF and records the open). */
  pixelUrl: z.string(),
  /** The exact <img> to append to the message at send: 1×1, alt="", no inline CSS, marked data-threadline-pixel. */
  html: z.string(),
  createdAt: isoDateSchema,
});
export type TrackedMessage = z.infer<typeof trackedMessageSchema>;
