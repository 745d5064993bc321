import { z } from "zod";
import { isoDateSchema, cursorSchema } from "./common";

export const companySchema = z.object({
  id: z.string(),
  domain: z.string(),
  name: z.string(),
  country: z.string().nullable(),
  ownerId: z.string().nullable(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Company = z.infer<typeof companySchema>;

export const companyListQuerySchema = z
  .object({
    q: z.string().trim().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: cursorSchema.optional(),
  })
  .strict();
