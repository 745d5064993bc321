import { z } from "zod";
import { emailSchema, idSchema, isoDateSchema, timeZoneSchema, somethingToChange } from "./common";

export const roleSchema = z.enum(["owner", "admin", "rep", "viewer"]);
export type Role = z.infer<typeof roleSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  timeZone: z.string(),
  active: z.boolean(),
  /** `active` in words, for lists: a deactivated user can neither sign in nor use any token. */
  status: z.enum(["active", "deactivated"]),
  /** The last authenticated request (token or console session), to the minute; null if never. */
  lastActiveAt: isoDateSchema.nullable(),
  /** A Microsoft (Entra) account is linked: the user can sign in to the Outlook add-in with it. */
  entraLinked: z.boolean(),
  createdAt: isoDateSchema,
});
export type User = z.infer<typeof userSchema>;

export const userCreateSchema = z
  .object({
    email: emailSchema,
    name: z.string().trim().min(1).max(200),
    role: roleSchema.exclude(["owner"]),
    timeZone: timeZoneSchema.optional(),
  })
  .strict();

export const userUpdateSchema = somethingToChange(
  z
    .object({
      name: z.string().trim().min(1).max(200).optional(),
      role: roleSchema.exclude(["owner"]).optional(),
      timeZone: timeZoneSchema.optional(),
      active: z.boolean().optional(),
    })
    .strict(),
);

export const workspaceSchema = z.object({ id: z.string(), name: z.string(), createdAt: isoDateSchema });

export const meSchema = z.object({ user: userSchema, workspace: workspaceSchema });

export const tokenCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    userId: idSchema.optional(),
    /** Days until the token stops working; omitted = it works until revoked. */
    expiresInDays: z.number().int().min(1).max(366).optional(),
  })
  .strict();
export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  userId: z.string(),
  prefix: z.string(),
  createdAt: isoDateSchema,
  lastUsedAt: isoDateSchema.nullable(),
  revokedAt: isoDateSchema.nullable(),
  /** After this instant the token is refused (401); null = no expiry. */
  expiresAt: isoDateSchema.nullable(),
});
/** Only the creation response carries the secret; it is never shown again. */
export const tokenCreatedSchema = tokenSchema.extend({ token: z.string() });

/** POST /api/v1/me/entra: an Entra access token for this backend's API, proving the Microsoft account is the caller's. */
export const entraLinkSchema = z.object({ accessToken: z.string().trim().min(20).max(20_000) }).strict();

export const userListSchema = z.object({ items: z.array(userSchema) });
export const tokenListQuerySchema = z.object({ scope: z.enum(["mine", "all"]).default("mine") }).strict();
export const tokenListSchema = z.object({ items: z.array(tokenSchema) });
