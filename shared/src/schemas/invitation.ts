// Team invitations: an admin invites an email with a role; the invitee opens the link, sets a name and password and
// is signed in with that role. The link's token is shown once (and mailed when a mailbox is connected); the server
// keeps only its hash.
import { z } from "zod";
import { checkPassword, PASSWORD_MAX_LENGTH } from "../domain/check-password";
import { emailSchema, isoDateSchema } from "./common";
import { roleSchema } from "./user";

export const INVITATION_DAYS = 7;

/** POST /api/v1/invitations: who to invite, with which role (only an owner invites an owner). */
export const invitationCreateSchema = z.object({ email: emailSchema, role: roleSchema }).strict();
export type InvitationCreateInput = z.input<typeof invitationCreateSchema>;

export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  invitedBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: isoDateSchema,
  /** After this instant the link is refused; a new invitation must be made. */
  expiresAt: isoDateSchema,
});
export const invitationListSchema = z.object({ items: z.array(invitationSchema) });

/** The creation response: the link (shown once, to copy) and whether it was mailed, through which mailbox. */
export const invitationCreatedSchema = invitationSchema.extend({
  link: z.string(),
  mail: z.discriminatedUnion("sent", [
    z.object({ sent: z.literal(true), from: z.string() }),
    /** reason: why not (no connected mailbox, or what the mailbox answered); the link still works. */
    z.object({ sent: z.literal(false), reason: z.string() }),
  ]),
});
export type InvitationCreated = z.infer<typeof invitationCreatedSchema>;

const invitationTokenSchema = z.string().trim().min(20, "is not a valid invitation link").max(200);

/** POST /api/v1/invitations/lookup (public): what a link invites to, for the accept page. */
export const invitationLookupSchema = z.object({ token: invitationTokenSchema }).strict();
export const invitationPreviewSchema = z.object({
  email: z.string(),
  role: roleSchema,
  workspaceName: z.string(),
  expiresAt: isoDateSchema,
});

/** POST /api/v1/invitations/accept (public): sets the invitee's name and password; signs in. */
export const invitationAcceptSchema = z
  .object({
    token: invitationTokenSchema,
    name: z.string().trim().min(1, "is required").max(200),
    password: z.string().max(PASSWORD_MAX_LENGTH + 1),
  })
  .strict()
  .superRefine((v, ctx) => {
    // The email-based part of the rule is checked by the server, which knows the invited address.
    const problem = checkPassword({ password: v.password });
    if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["password"] });
  });
export type InvitationAcceptInput = z.input<typeof invitationAcceptSchema>;
