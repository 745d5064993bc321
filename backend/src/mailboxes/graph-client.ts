import { AuthenticationHandler, Client, HTTPMessageHandler } from "@microsoft/microsoft-graph-client";
import type { mailboxes } from "../db/schema";
import type { ClientDeps } from "./gmail-client";
import { openCredentials } from "./mailbox-credentials";
import type { ProviderConfig } from "./provider-config";

type MailboxRow = Pick<typeof mailboxes.$inferSelect, "id" | "kind" | "credentialsEnc">;

const tokenCache = new Map<string, { token: string; expiresAt: number }>();

export const microsoftScopes = ["offline_access", "openid", "email", "User.Read", "Mail.Send", "Mail.ReadWrite"];

/** POSTs to the Microsoft identity platform token endpoint (authorization_code or refresh_token grant). */
export async function microsoftToken(
  providers: ProviderConfig,
  params: Record<string, string>,
): Promise<{ access_token: string; refresh_token?: string; expires_in: number; id_token?: string }> {
  const m = providers.microsoft;
  const res = await fetch(`${m.loginUrl.replace(/\/$/, "")}/${m.tenant}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: m.clientId ?? "", client_secret: m.clientSecret ?? "", ...params }),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok || typeof body.access_token !== "string") {
    throw new Error(`Microsoft token endpoint answered ${res.status}: ${String(body.error_description ?? body.error ?? "")}`);
  }
  return body as { access_token: string; refresh_token?: string; expires_in: number; id_token?: string };
}

/**
 * Graph client for a connected Microsoft mailbox; access tokens come from the stored refresh token, cached in
 * memory. The middleware chain has no RetryHandler: throttling (429 + Retry-After) is rescheduled by the
 * dispatcher instead of blocking it inside the client.
 */
export function graphClient(mailbox: MailboxRow, deps: ClientDeps): Client {
  const creds = openCredentials(deps.encryptionKey, mailbox, "microsoft");
  const base = new URL(deps.providers.microsoft.graphUrl);
  const auth = new AuthenticationHandler({
    getAccessToken: async () => {
      const cached = tokenCache.get(mailbox.id);
      if (cached && cached.expiresAt > Date.now() + 60_000) return cached.token;
      const t = await microsoftToken(deps.providers, {
        grant_type: "refresh_token",
        refresh_token: creds.refreshToken,
        scope: microsoftScopes.join(" "),
      });
      tokenCache.set(mailbox.id, { token: t.access_token, expiresAt: Date.now() + t.expires_in * 1000 });
      return t.access_token;
    },
  });
  auth.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({
    middleware: auth,
    baseUrl: base.origin,
    defaultVersion: "v1.0",
    customHosts: new Set([base.host]),
  });
}
