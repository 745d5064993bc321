import { z } from "zod";
import { tokenCreatedSchema } from "./user";

/**
 * Where a Gmail extension's sign-in may be handed back: chrome.identity.getRedirectURL() of an extension, i.e.
 * https://<32 letters a–p>.chromiumapp.org/<path>, nothing else (no port, credentials, query or fragment).
 */
export const chromiumRedirectSchema = z
  .string()
  .max(300)
  .regex(/^https:\/\/[a-p]{32}\.chromiumapp\.org\/[A-Za-z0-9._~/-]*$/, {
    message: "must be the extension's chrome.identity redirect URL: https://<extension id>.chromiumapp.org/<path>",
  });

/** POST /api/v1/connect: the console, with the user's session, signs a mail host in. */
export const hostConnectSchema = z
  .object({
    client: z.enum(["gmail-extension", "outlook-addin"]),
    /** Gmail extension only: chrome.identity.getRedirectURL(). */
    redirectUri: chromiumRedirectSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.client === "gmail-extension" && v.redirectUri === undefined) {
      ctx.addIssue({ code: "custom", message: "is required for the Gmail extension", path: ["redirectUri"] });
    }
    if (v.client === "outlook-addin" && v.redirectUri !== undefined) {
      ctx.addIssue({ code: "custom", message: "is not used by the Outlook add-in (messageParent)", path: ["redirectUri"] });
    }
  });

/**
 * The minted token (shown once) and how to hand it back: `redirectTo` for launchWebAuthFlow (the token in the
 * fragment, so it never reaches a server), or the string `message` for Office's messageParent.
 */
export const hostConnectedSchema = z.object({
  token: tokenCreatedSchema,
  redirectTo: z.string().nullable(),
  message: z.string().nullable(),
});
