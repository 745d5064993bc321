// What the request path needs to know about console sessions without loading better-auth: the cookie's name, the
// trusted origins (CSRF), and the client address. auth-instance.ts and console-auth.ts use the same constants.
import type { Context } from "hono";
import type { AppConfig, AppEnv } from "../http/app-env";
import { ApiError } from "../http/api-error";
import { clientAddress } from "../http/auth-throttle";

export const SESSION_DAYS = 7;
/** better-auth's cookie `<prefix>.session_token`, `__Secure-` prefixed when PUBLIC_URL is https. */
const SESSION_COOKIE = "threadline.session_token=";
/** Set by Threadline on every call into better-auth (the address it records on the session); never trusted inbound. */
export const CLIENT_IP_HEADER = "x-threadline-client-ip";

/** The request carries a console session cookie (better-auth is only loaded then). */
export const hasSessionCookie = (cookieHeader: string | undefined) => !!cookieHeader && cookieHeader.includes(SESSION_COOKIE);

/** Origins a cookie-authenticated write may come from: the console's own (PUBLIC_URL) and CONSOLE_ORIGINS. */
export function trustedOriginsOf(config: Pick<AppConfig, "publicUrl" | "consoleOrigins">): string[] {
  return [new URL(config.publicUrl).origin, ...(config.consoleOrigins ?? [])];
}

/**
 * The page that sent the write was served by this very server (Origin's host = the Host the browser addressed), e.g.
 * the console opened at http://127.0.0.1:8787 while PUBLIC_URL says localhost. A cross-site page cannot make a
 * browser send a foreign Origin with this Host, so this is the OWASP "Origin matches target" check.
 */
function isSameHost(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF protection of cookie-authenticated writes: the browser's Origin must be a trusted one. Every browser sends
 * Origin on cross-site and same-origin non-GET requests, so a write without it did not come from the console.
 */
export function assertTrustedOrigin(c: Context<AppEnv>) {
  if (SAFE_METHODS.has(c.req.method)) return;
  const origin = c.req.header("origin");
  if (origin && (trustedOriginsOf(c.var.config).includes(origin) || isSameHost(origin, c.req.header("host")))) return;
  throw new ApiError(
    "forbidden",
    origin
      ? `Cross-site request refused: a write signed in with the console's session must come from the console, not ${origin}.`
      : "Cross-site request refused: a write signed in with the console's session must carry the console's Origin header.",
  );
}

/** The client's address, as the bearer-auth throttle takes it (http/auth-throttle.ts). */
export const clientIpOf = (c: Context<AppEnv>) => clientAddress(c, c.var.config.trustProxy ?? false);

/** Sign-in and setup (no session yet): a browser's Origin, when sent, must still be trusted (login CSRF). */
export function assertTrustedOriginIfSent(c: Context<AppEnv>) {
  if (c.req.header("origin") !== undefined) assertTrustedOrigin(c);
}
