import { z } from "zod";
import { idSchema } from "./common";

export const handoverRequestSchema = z
  .object({
    fromUserId: idSchema,
    toUserId: idSchema,
    // Private templates are personal by default; move them only when asked.
    includePrivateTemplates: z.boolean().default(false),
    // Deactivate the leaving rep in the same transaction: their tokens stop working at once.
    deactivateFromUser: z.boolean().default(false),
  })
  .strict()
  .refine((v) => v.fromUserId !== v.toUserId, { message: "must differ from fromUserId", path: ["toUserId"] });
export type HandoverRequest = z.infer<typeof handoverRequestSchema>;

export const handoverCountsSchema = z.object({
  contacts: z.number().int(),
  companies: z.number().int(),
  // Enrollments still running (active or paused): the new owner's mailbox sends the next steps.
  enrollments: z.number().int(),
  openTasks: z.number().int(),
  privateTemplates: z.number().int(),
});
export type HandoverCounts = z.infer<typeof handoverCountsSchema>;

export const handoverResultSchema = z.object({
  from: z.object({ id: z.string(), name: z.string(), email: z.string(), active: z.boolean() }),
  to: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  counts: handoverCountsSchema,
  applied: z.boolean(),
});
export type HandoverResult = z.infer<typeof handoverResultSchema>;
