// Failed bearer authentication is slowed per client address and per token prefix (rate-limiter-flexible, in
// memory: one process). Each failure costs a point; once a key has spent its points it is blocked for a while and
// every request carrying it — even with a valid token, which is the point against guessing — is a 429 with
// Retry-After, before any token lookup. Successful requests cost nothing.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Context } from "hono";
import { ApiError } from "./api-error";

export interface AuthThrottleLimits {
  /** Failures allowed per client address within `windowSeconds`. */
  perAddress: number;
  /** Failures allowed per token prefix (`tl_` + 5 characters, as GET /tokens shows it) within `windowSeconds`. */
  perPrefix: number;
  windowSeconds: number;
  /** How long a key that spent its points stays blocked. */
  blockSeconds: number;
}

export const DEFAULT_AUTH_THROTTLE: AuthThrottleLimits = { perAddress: 20, perPrefix: 10, windowSeconds: 60, blockSeconds: 300 };

export interface AuthAttempt {
  address: string;
  /** Null when the credential has no stable prefix to key on (an Entra JWT, a malformed token). */
  prefix: string | null;
}

function tooMany(ms: number) {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new ApiError(
    "rate_limited",
    `Too many failed sign-in attempts from this address or for this token; try again in ${seconds} s.`,
    { retryAfterSeconds: seconds },
    { "Retry-After": String(seconds) },
  );
}

export function createAuthThrottle(limits: AuthThrottleLimits = DEFAULT_AUTH_THROTTLE) {
  const byAddress = new RateLimiterMemory({
    keyPrefix: "auth-address",
    points: limits.perAddress,
    duration: limits.windowSeconds,
    blockDuration: limits.blockSeconds,
  });
  const byPrefix = new RateLimiterMemory({
    keyPrefix: "auth-prefix",
    points: limits.perPrefix,
    duration: limits.windowSeconds,
    blockDuration: limits.blockSeconds,
  });
  const keys = (a: AuthAttempt) =>
    [
      [byAddress, a.address, limits.perAddress],
      ...(a.prefix === null ? [] : [[byPrefix, a.prefix, limits.perPrefix] as const]),
    ] as const;

  return {
    /** Throws the 429 while the address or the prefix is blocked. */
    async assertAllowed(attempt: AuthAttempt): Promise<void> {
      for (const [limiter, key, points] of keys(attempt)) {
        const res = await limiter.get(key);
        if (res && res.consumedPoints > points) throw tooMany(res.msBeforeNext);
      }
    },
    /** Records a failed attempt; throws the 429 instead of `failure` when this one spent the last point. */
    async fail(attempt: AuthAttempt, failure: ApiError): Promise<never> {
      let retryMs = 0;
      for (const [limiter, key] of keys(attempt)) {
        await limiter.consume(key).catch((res: unknown) => {
          if (!(res instanceof RateLimiterRes)) throw res;
          retryMs = Math.max(retryMs, res.msBeforeNext);
        });
      }
      throw retryMs > 0 ? tooMany(retryMs) : failure;
    },
  };
}
export type AuthThrottle = ReturnType<typeof createAuthThrottle>;

interface NodeIncoming {
  incoming?: { socket?: { remoteAddress?: string } };
}

/**
 * The client's address for throttling: the socket's peer, or behind a reverse proxy (TRUST_PROXY) the LAST
 * X-Forwarded-For entry — the one the proxy appended, which a client cannot choose (the first entry is whatever
 * the client sent). app.request() in tests has no socket: "local".
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const last = c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (last) return last;
  }
  return (c.env as NodeIncoming | undefined)?.incoming?.socket?.remoteAddress ?? "local";
}
