import { z } from "zod";

/** A list the backend answers either as `{ items: [...] }` (paged) or as a bare array. */
export function looseList<T extends z.ZodType>(item: T) {
  return z.union([z.object({ items: z.array(item) }).transform((v) => v.items), z.array(item)]);
}
