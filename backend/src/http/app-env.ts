import type { EntraConfig } from "../auth/entra";
import type { Db } from "../db/client";
import type { ProviderConfig } from "../mailboxes/provider-config";
import type { Auth } from "./auth";
import type { AuthThrottle } from "./auth-throttle";
import type { SignInLimits } from "../auth/sign-in-limiter";

export interface AppConfig {
  publicUrl: string;
  /** Base URL of pixel and click links (TRACKING_PUBLIC_URL: a dedicated tracking server); default publicUrl. */
  trackingUrl?: string;
  corsOrigins: string[];
  /** HMAC key for signed public tokens (security/sign-token.ts). */
  signingSecret: string;
  /** AES-256-GCM key for secrets at rest; null when ENCRYPTION_KEY is not configured. */
  encryptionKey: Buffer | null;
  /** Microsoft Entra token sign-in (Outlook add-in); absent or null = API tokens only. */
  entra?: EntraConfig | null;
  /** OAuth clients and provider base URLs; defaults (real endpoints, no client ids) when absent. */
  providers?: ProviderConfig;
  /** better-auth's secret (BETTER_AUTH_SECRET); default: derived from signingSecret (auth/auth-instance.ts). */
  authSecret?: string;
  /** Origins besides PUBLIC_URL's that the console is served from (CONSOLE_ORIGINS, e.g. a dev server). */
  consoleOrigins?: string[];
  /** Failed sign-ins allowed per account / per address before 429 (auth/sign-in-limiter.ts defaults; tests lower them). */
  signInLimits?: SignInLimits;
  /** Largest CSV import accepted, in bytes (IMPORT_MAX_BYTES); default 100 MB. */
  importMaxBytes?: number;
  /** Behind a reverse proxy (TRUST_PROXY): the client address of the auth throttle is the last X-Forwarded-For entry. */
  trustProxy?: boolean;
}

export interface AppEnv {
  Variables: {
    db: Db;
    config: AppConfig;
    auth: Auth;
    authThrottle: AuthThrottle;
  };
}
