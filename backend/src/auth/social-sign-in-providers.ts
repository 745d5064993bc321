// Which "Sign in with …" providers the console offers: only those whose OAuth client is configured (the same
// GOOGLE_* / MICROSOFT_* clients that connect mailboxes; their redirect URI for sign-in is
// PUBLIC_URL/api/auth/callback/<provider>). Plain data, so the configuration path is tested without better-auth.
import type { ProviderConfig } from "../mailboxes/provider-config";

export interface SocialSignInProviders {
  google?: { clientId: string; clientSecret: string; disableImplicitSignUp: false; prompt: "select_account" };
  microsoft?: {
    clientId: string;
    clientSecret: string;
    tenantId: string;
    authority: string;
    disableProfilePhoto: true;
    prompt: "select_account";
  };
}

/** better-auth's `socialProviders` option from the OAuth clients; an empty object when none is configured. */
export function socialSignInProviders(providers: ProviderConfig | undefined): SocialSignInProviders {
  const out: SocialSignInProviders = {};
  const g = providers?.google;
  if (g?.clientId && g.clientSecret) {
    // New logins are only ever linked to an existing Threadline user (auth-instance.ts refuses other emails).
    out.google = { clientId: g.clientId, clientSecret: g.clientSecret, disableImplicitSignUp: false, prompt: "select_account" };
  }
  const m = providers?.microsoft;
  if (m?.clientId && m.clientSecret) {
    out.microsoft = {
      clientId: m.clientId,
      clientSecret: m.clientSecret,
      tenantId: m.tenant,
      authority: m.loginUrl.replace(/\/$/, ""),
      // The photo would be fetched from Graph on every sign-in; the console does not show it.
      disableProfilePhoto: true,
      prompt: "select_account",
    };
  }
  return out;
}

export const configuredSocialProviders = (providers: ProviderConfig | undefined) =>
  Object.keys(socialSignInProviders(providers)) as ("google" | "microsoft")[];
