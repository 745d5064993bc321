import { z } from "zod";

/** A valid IANA time zone name, as the runtime's Intl database knows it. */
export function isValidTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(isValidTimeZone, { message: "is not an IANA time zone name (for example Europe/Berlin)" });

export const emailSchema = z
  .string()
  .trim()
  .max(254, "is longer than 254 characters")
  .pipe(z.email({ message: "is not a valid email address" }))
  .transform((v) => v.toLowerCase());

export const countrySchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, "must be a two-letter ISO 3166 country code (for example DE)")
  .transform((v) => v.toUpperCase());

export const languageSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}$/, "must be a language code such as en, zh or es")
  .transform((v) => v.toLowerCase());

export const idSchema = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z]+_[0-9a-z]+$/, "is not a Threadline id");

export const tagSchema = z.string().trim().min(1).max(64);
export const tagsSchema = z.array(tagSchema).max(50);

/** ISO 8601 timestamp as sent over the wire. */
export const isoDateSchema = z.iso.datetime({ offset: true });

export const limitSchema = z.coerce.number().int().min(1).max(200).default(50);

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** The one error body every route answers with. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum([
      "bad_request",
      "unauthorized",
      "forbidden",
      "not_found",
      "conflict",
      "payload_too_large",
      "unsupported_media_type",
      "rate_limited",
      "unavailable",
      "internal",
    ]),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
export type ErrorCode = ErrorBody["error"]["code"];

/** A page cursor: the `nextCursor` of the previous page (an id); anything else is a 400, not an empty page. */
export const cursorSchema = z
  .string()
  .max(64)
  .regex(/^[a-z]+_[0-9a-z]+$/, "is not a cursor: pass the nextCursor of the previous page");

/** `?limit=&cursor=` of every cursor-paginated list. */
export const pageQuerySchema = z.object({ limit: limitSchema, cursor: cursorSchema.optional() }).strict();

/**
 * A PATCH body must name something to change: `{}` is a 400 instead of a write that only bumps the version or
 * the update time (and, for a table update, instead of an empty SET).
 */
export function somethingToChange<T extends z.ZodObject>(schema: T): T {
  return schema.refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: "nothing to change: send at least one field to update",
  });
}

/** `:id` path parameter. */
export const idParamSchema = z.object({ id: idSchema }).strict();

export const deletedSchema = z.object({ deleted: z.literal(true) });
