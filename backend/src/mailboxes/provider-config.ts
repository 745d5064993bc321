// Provider endpoints, OAuth clients and sending limits. Base URLs are configurable so tests use 127.0.0.1 fakes.
export interface ProviderConfig {
  google: { clientId?: string; clientSecret?: string; authUrl: string; tokenUrl: string; apiRoot: string };
  microsoft: { clientId?: string; clientSecret?: string; tenant: string; loginUrl: string; graphUrl: string };
}

export function providerConfig(partial?: ProviderConfig): ProviderConfig {
  return (
    partial ?? {
      google: {
        authUrl: "https://accounts.google.com/o/oauth2/v2/auth",
        tokenUrl: "https://oauth2.googleapis.com/token",
        apiRoot: "https://gmail.googleapis.com/",
      },
      microsoft: { tenant: "common", loginUrl: "https://login.microsoftonline.com", graphUrl: "https://graph.microsoft.com" },
    }
  );
}

/**
 * Provider limits (from the providers' published quotas), as configuration. dailyCap is the default for a new
 * mailbox of that kind; minSpacingMs spaces two sends of one mailbox (Exchange: 30 msgs/min → 2 s).
 */
export const providerLimits = {
  outbox: { dailyCap: 1_000_000, minSpacingMs: 0 },
  gmail: { dailyCap: 2000, minSpacingMs: 0 },
  microsoft: { dailyCap: 10_000, minSpacingMs: 2000 },
  smtp: { dailyCap: 2000, minSpacingMs: 0 },
} as const;
