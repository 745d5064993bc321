// Only the Gmail API of googleapis: the package's root entry builds every Google API at import (≈ 59 MB of heap
// against ≈ 4 MB for this one), which made each process that imports it larger and slower for nothing.
import { auth as googleAuth, gmail, type gmail_v1 } from "googleapis/build/src/apis/gmail/index.js";
import type { mailboxes } from "../db/schema";
import { openCredentials } from "./mailbox-credentials";
import type { ProviderConfig } from "./provider-config";

export interface ClientDeps {
  encryptionKey: Buffer | null;
  providers: ProviderConfig;
}
type MailboxRow = Pick<typeof mailboxes.$inferSelect, "id" | "kind" | "credentialsEnc">;

/** OAuth2 client for a Google account, refreshing with the stored (encrypted) refresh token. */
export function googleOAuthClient(providers: ProviderConfig) {
  const p = providers.google;
  return new googleAuth.OAuth2({
    clientId: p.clientId,
    clientSecret: p.clientSecret,
    endpoints: { oauth2TokenUrl: p.tokenUrl, oauth2AuthBaseUrl: p.authUrl },
  });
}

/** Gmail API client for a connected mailbox (base URL from GOOGLE_API_ROOT, so tests can use a local fake). */
export function gmailClient(mailbox: MailboxRow, deps: ClientDeps): gmail_v1.Gmail {
  const creds = openCredentials(deps.encryptionKey, mailbox, "gmail");
  const auth = googleOAuthClient(deps.providers);
  auth.setCredentials({ refresh_token: creds.refreshToken });
  return gmail({ version: "v1", auth, rootUrl: deps.providers.google.apiRoot });
}
