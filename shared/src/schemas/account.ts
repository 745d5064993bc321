// Console accounts: first-run setup, sign-in, sessions. The password rule is shared/domain/check-password.ts, so the
// console's forms and the API refuse the same passwords with the same words.
import { z } from "zod";
import { checkPassword, PASSWORD_MAX_LENGTH } from "../domain/check-password";
import { emailSchema, isoDateSchema } from "./common";
import { meSchema } from "./user";

const nameSchema = z.string().trim().min(1, "is required").max(200);
/** The length and pattern checks need the email too: see withPasswordRule. */
export const newPasswordSchema = z.string().max(PASSWORD_MAX_LENGTH + 1);

/** Adds the password rule (checkPassword) to an object schema with `password` and optionally `email`. */
function withPasswordRule<T extends z.ZodObject<{ password: typeof newPasswordSchema }>>(schema: T) {
  return schema.superRefine((v, ctx) => {
    const { password, email } = v as { password: string; email?: string };
    const problem = checkPassword({ password, email });
    if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["password"] });
  });
}

/** GET /api/v1/setup: true while the database has no workspace (the console then shows the setup form). */
export const setupStatusSchema = z.object({ needed: z.boolean() });

/** POST /api/v1/setup: the first workspace and its owner. */
export const setupSchema = withPasswordRule(
  z.object({ workspaceName: nameSchema, name: nameSchema, email: emailSchema, password: newPasswordSchema }).strict(),
);
export type SetupInput = z.input<typeof setupSchema>;

/** POST /api/v1/session: sign in with email and password. */
export const signInSchema = z.object({ email: emailSchema, password: z.string().min(1, "is required").max(200) }).strict();
export type SignInInput = z.input<typeof signInSchema>;

/** The signed-in user and workspace (the same body as GET /me). */
export const signedInSchema = meSchema;

export const socialProviderSchema = z.enum(["google", "microsoft"]);
/** GET /api/v1/session/providers: the social sign-in buttons to show (only those configured on the server). */
export const socialProvidersSchema = z.object({ providers: z.array(socialProviderSchema) });
/** POST /api/v1/session/social: where to send the browser to sign in with Google or Microsoft. */
export const socialSignInSchema = z.object({ provider: socialProviderSchema }).strict();
export const socialSignInStartedSchema = z.object({ url: z.string() });

export const sessionInfoSchema = z.object({
  id: z.string(),
  createdAt: isoDateSchema,
  /** When the session was last refreshed (at most daily while in use). */
  updatedAt: isoDateSchema,
  expiresAt: isoDateSchema,
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** The session this request was made with. */
  current: z.boolean(),
});
export const sessionListSchema = z.object({ items: z.array(sessionInfoSchema) });
export const sessionsEndedSchema = z.object({ ended: z.number().int() });
