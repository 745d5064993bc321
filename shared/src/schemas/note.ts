import { z } from "zod";
import { isoDateSchema } from "./common";

export const noteCreateSchema = z.object({ body: z.string().trim().min(1, "is empty").max(20000) }).strict();
export const noteSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  authorId: z.string().nullable(),
  body: z.string(),
  createdAt: isoDateSchema,
});
export type Note = z.infer<typeof noteSchema>;
