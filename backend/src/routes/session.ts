// The console's own session: sign in (email + password, or start Google / Microsoft), sign out. Sign-in is public;
// sign-out needs the session it ends. Sessions are better-auth's (auth/console-auth.ts, loaded on first use).
import { Hono } from "hono";
import { z } from "zod";
import {
  signedInSchema,
  signInSchema,
  socialProvidersSchema,
  socialSignInSchema,
  socialSignInStartedSchema,
} from "@threadline/shared/schemas";
import { assertTrustedOriginIfSent } from "../auth/session-cookie";
import { configuredSocialProviders } from "../auth/social-sign-in-providers";
import { ApiError } from "../http/api-error";
import type { AppEnv } from "../http/app-env";
import { validate } from "../http/validate";
import type { RouteSpec } from "../openapi/route-spec";
import { getMeOfUser } from "../repo/users";

const signedOutSchema = z.object({ signedOut: z.literal(true) });

/** Public: mounted before the authenticated API. */
export const sessionPublicRoutes = new Hono<AppEnv>()
  .post("/", validate("json", signInSchema), async (c) => {
    assertTrustedOriginIfSent(c);
    const { signInWithPassword } = await import("../auth/console-auth");
    const userId = await signInWithPassword(c, c.req.valid("json"));
    return c.json(await getMeOfUser(c.var.db, userId), 200);
  })
  .get("/providers", (c) => c.json({ providers: configuredSocialProviders(c.var.config.providers) }, 200))
  .post("/social", validate("json", socialSignInSchema), async (c) => {
    assertTrustedOriginIfSent(c);
    const { provider } = c.req.valid("json");
    if (!configuredSocialProviders(c.var.config.providers).includes(provider)) {
      throw new ApiError(
        "unavailable",
        provider === "google"
          ? "Sign-in with Google is not configured: set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET."
          : "Sign-in with Microsoft is not configured: set MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET.",
      );
    }
    const { startSocialSignIn } = await import("../auth/console-auth");
    return c.json({ url: await startSocialSignIn(c, provider) }, 200);
  });

/** Authenticated: ends the caller's console session. */
export const sessionRoutes = new Hono<AppEnv>().delete("/", async (c) => {
  if (!c.var.auth.sessionId) {
    throw new ApiError(
      "conflict",
      "This request is signed in with an API token, not a console session; revoke the token instead.",
    );
  }
  const { signOut } = await import("../auth/console-auth");
  await signOut(c);
  return c.json({ signedOut: true as const }, 200);
});

export const sessionSpec: RouteSpec[] = [
  {
    method: "post",
    path: "/session",
    summary:
      "Sign in to the console with email and password: sets the HttpOnly session cookie. 401 for a wrong email or password; 429 with Retry-After after repeated failures (per account and per address). Public.",
    auth: false,
    body: signInSchema,
    responses: { 200: signedInSchema },
    errors: [403, 429],
  },
  {
    method: "get",
    path: "/session/providers",
    summary: "Social sign-in providers configured on this server (Google, Microsoft); public",
    auth: false,
    responses: { 200: socialProvidersSchema },
  },
  {
    method: "post",
    path: "/session/social",
    summary:
      "Start sign-in with Google or Microsoft: open `url`; the provider returns to /api/auth/callback/{provider}, then to the console. Only existing users sign in this way. Public; 503 when not configured.",
    auth: false,
    body: socialSignInSchema,
    responses: { 200: socialSignInStartedSchema },
    errors: [403, 503],
  },
  {
    method: "delete",
    path: "/session",
    summary: "Sign out: ends the caller's console session on the server and clears its cookie",
    responses: { 200: signedOutSchema },
    errors: [409],
  },
];
