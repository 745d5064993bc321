import type { Db } from "../db/client";
import type { ProviderConfig } from "../mailboxes/provider-config";
import type { Auth } from "./auth";

export interface AppConfig {
  publicUrl: string;
  corsOrigins: string[];
  /** HMAC key for signed public tokens (security/sign-token.ts). */
  signingSecret: string;
  /** AES-256-GCM key for secrets at rest; null when ENCRYPTION_KEY is not configured. */
  encryptionKey: Buffer | null;
  /** OAuth clients and provider base URLs; defaults (real endpoints, no client ids) when absent. */
  providers?: ProviderConfig;
}

export interface AppEnv {
  Variables: {
    db: Db;
    config: AppConfig;
    auth: Auth;
  };
}
