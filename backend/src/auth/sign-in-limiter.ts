// Failed sign-ins are slowed per account and per client address (rate-limiter-flexible, in memory: one backend
// process answers sign-ins). A correct password resets the account's count; the address count only runs out.
import { RateLimiterMemory, type RateLimiterRes } from "rate-limiter-flexible";
import { ApiError } from "../http/api-error";

export interface SignInLimits {
  /** Failures of one account within the window before it must wait. */
  perAccount: number;
  /** Failures from one address (any account) within the window before it must wait. */
  perIp: number;
  windowSeconds: number;
}
export const defaultSignInLimits: SignInLimits = { perAccount: 5, perIp: 20, windowSeconds: 15 * 60 };

export function createSignInLimiter(limits: SignInLimits = defaultSignInLimits) {
  const opts = { duration: limits.windowSeconds, blockDuration: limits.windowSeconds };
  const byAccount = new RateLimiterMemory({ ...opts, keyPrefix: "account", points: limits.perAccount });
  const byIp = new RateLimiterMemory({ ...opts, keyPrefix: "ip", points: limits.perIp });
  const waitMs = (res: RateLimiterRes | null, points: number) => (res && res.consumedPoints >= points ? res.msBeforeNext : 0);
  return {
    /** Throws 429 (with Retry-After) while the account or the address has used up its failures. */
    async assertAllowed({ email, ip }: { email: string; ip: string }) {
      const [account, address] = await Promise.all([byAccount.get(email), byIp.get(ip)]);
      const ms = Math.max(waitMs(account, limits.perAccount), waitMs(address, limits.perIp));
      if (ms <= 0) return;
      const seconds = Math.max(1, Math.ceil(ms / 1000));
      throw new ApiError(
        "rate_limited",
        `Too many failed sign-ins ${waitMs(account, limits.perAccount) > 0 ? "for this account" : "from this address"}; try again in ${seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}.`,
        { retryAfterSeconds: seconds },
        { "Retry-After": String(seconds) },
      );
    },
    async failed({ email, ip }: { email: string; ip: string }) {
      // consume() rejects once the points are used up; that is the state assertAllowed reads, not an error here.
      await Promise.allSettled([byAccount.consume(email), byIp.consume(ip)]);
    },
    async succeeded({ email }: { email: string }) {
      await byAccount.delete(email);
    },
  };
}
export type SignInLimiter = ReturnType<typeof createSignInLimiter>;
