import { z } from "zod";
import { isoDateSchema } from "./common";

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
