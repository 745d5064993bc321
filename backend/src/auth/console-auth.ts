// Console sessions on top of better-auth: resolving a session cookie to the same `auth` an API token gives, signing
// in and out, and the social sign-in start. Imported lazily (`await import("./console-auth")`) by the auth
// middleware and the session routes, so nothing here is loaded for bearer-token traffic.
import { isAPIError } from "better-auth/api";
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { ApiError } from "../http/api-error";
import type { AppEnv } from "../http/app-env";
import type { Auth } from "../http/auth";
import { createAuthInstance, type AuthInstance } from "./auth-instance";
import { CLIENT_IP_HEADER, clientIpOf } from "./session-cookie";
import { createSignInLimiter, type SignInLimiter } from "./sign-in-limiter";

const instances = new WeakMap<Db, { auth: AuthInstance; limiter: SignInLimiter }>();

/** The better-auth instance and sign-in limiter of this app's database (one per database, made on first use). */
export function consoleAuthOf(c: Context<AppEnv>) {
  let found = instances.get(c.var.db);
  if (!found) {
    found = {
      auth: createAuthInstance({ db: c.var.db, config: c.var.config }),
      limiter: createSignInLimiter(c.var.config.signInLimits),
    };
    instances.set(c.var.db, found);
  }
  return found;
}

/** The request's headers for a call into better-auth, with the client address Threadline determined itself. */
function authHeaders(c: Context<AppEnv>): Headers {
  const headers = new Headers(c.req.raw.headers);
  headers.set(CLIENT_IP_HEADER, clientIpOf(c));
  return headers;
}

/** better-auth's Set-Cookie headers (session set, refreshed or cleared) onto this response. */
function forwardCookies(c: Context<AppEnv>, headers: Headers) {
  for (const cookie of headers.getSetCookie()) c.header("set-cookie", cookie, { append: true });
}

/** The signed-in user's `auth`, or null when the cookie's session is unknown, expired or its user deactivated. */
export async function resolveSession(c: Context<AppEnv>): Promise<Auth | null> {
  const { auth } = consoleAuthOf(c);
  const result = await auth.api.getSession({ headers: authHeaders(c), returnHeaders: true });
  forwardCookies(c, result.headers);
  const found = result.response;
  if (!found) return null;
  const user = (
    await c.var.db
      .select({ id: users.id, workspaceId: users.workspaceId, role: users.role })
      .from(users)
      .where(and(eq(users.id, found.user.threadlineUserId), eq(users.active, true)))
      .limit(1)
  )[0];
  if (!user) return null;
  return { workspaceId: user.workspaceId, userId: user.id, role: user.role, tokenId: null, sessionId: found.session.id };
}

/**
 * Email + password sign-in: sets the session cookie and returns the Threadline user id. Failures are counted per
 * account and per address (429 with Retry-After once used up); a wrong email and a wrong password read the same.
 */
export async function signInWithPassword(c: Context<AppEnv>, input: { email: string; password: string }): Promise<string> {
  const { auth, limiter } = consoleAuthOf(c);
  const key = { email: input.email, ip: clientIpOf(c) };
  await limiter.assertAllowed(key);
  try {
    const result = await auth.api.signInEmail({
      body: { email: input.email, password: input.password, rememberMe: true },
      headers: authHeaders(c),
      returnHeaders: true,
    });
    await limiter.succeeded(key);
    forwardCookies(c, result.headers);
    return result.response.user.threadlineUserId;
  } catch (e) {
    if (!isAPIError(e)) throw e;
    const code = (e.body as { code?: string } | undefined)?.code;
    if (code === "FAILED_TO_CREATE_SESSION") {
      // The password was right (better-auth checks it first): the session hook refused a deactivated user.
      throw new ApiError("unauthorized", "This account is deactivated; ask an admin of your workspace to reactivate it.");
    }
    if (code === "INVALID_EMAIL_OR_PASSWORD" || e.statusCode === 401) {
      await limiter.failed(key);
      throw new ApiError("unauthorized", "The email or password is wrong.", {
        fields: [{ path: "password", message: "the email or password is wrong" }],
      });
    }
    if (e.statusCode === 403) throw new ApiError("forbidden", e.message || "The sign-in was refused.");
    throw new ApiError("bad_request", e.message || "The sign-in was refused.");
  }
}

/** Ends the request's session on the server and clears its cookie. */
export async function signOut(c: Context<AppEnv>) {
  const { auth } = consoleAuthOf(c);
  const result = await auth.api.signOut({ headers: authHeaders(c), returnHeaders: true });
  forwardCookies(c, result.headers);
}

/** Starts "Sign in with Google / Microsoft": the URL to send the browser to (its state cookie is set here). */
export async function startSocialSignIn(c: Context<AppEnv>, provider: "google" | "microsoft"): Promise<string> {
  const { auth } = consoleAuthOf(c);
  const result = await auth.api.signInSocial({
    body: { provider, callbackURL: "/", errorCallbackURL: "/sign-in", disableRedirect: true },
    headers: authHeaders(c),
    returnHeaders: true,
  });
  forwardCookies(c, result.headers);
  if (!result.response.url) throw new ApiError("unavailable", `Sign-in with ${provider} could not be started.`);
  return result.response.url;
}

/** better-auth's own HTTP endpoints that Threadline serves: the social sign-in callbacks. */
export async function handleAuthCallback(c: Context<AppEnv>): Promise<Response> {
  const { auth } = consoleAuthOf(c);
  const req = c.req.raw;
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : await req.arrayBuffer();
  return auth.handler(new Request(req.url, { method: req.method, headers: authHeaders(c), body }));
}
