import type { Client } from "@microsoft/microsoft-graph-client";
import { IDEMPOTENCY_HEADER } from "./build-message";
import { ProviderError, retryAfterMs, sendEach, type Transport } from "./transport";

interface GraphLikeError extends Error {
  statusCode?: number;
  headers?: Headers;
}

interface GraphMessage {
  id: string;
  internetMessageId?: string;
  conversationId?: string;
  internetMessageHeaders?: { name: string; value: string }[];
}

function mapError(e: unknown): ProviderError {
  const err = e as GraphLikeError;
  const status = err.statusCode ?? 0;
  if (status === 429 || status === 503) {
    return new ProviderError(`Graph throttled (${status})`, {
      definite: true,
      retryable: true,
      retryAfterMs: retryAfterMs(err.headers?.get?.("retry-after")),
    });
  }
  if (status >= 400 && status < 500)
    return new ProviderError(`Graph ${status}: ${err.message}`, { definite: true, retryable: false });
  return new ProviderError(`Graph ${status || "network"}: ${err.message}`, { definite: false, retryable: false });
}

// Immutable ids: a message keeps its id when it moves from Drafts to Sent Items, so the next step can reply to it.
const PREFER = 'IdType="ImmutableId"';

/**
 * Microsoft Graph. Replies: createReply → PATCH (HTML body, recipients explicitly) → send. New threads: create a
 * draft (POST /me/messages, to learn its ids; sendMail returns none) → send. Graph's JSON API only accepts
 * x-* custom headers: List-Unsubscribe / List-Unsubscribe-Post cannot be set; the visible unsubscribe line stays.
 */
export function graphSend(client: Client): Transport {
  const api = (path: string) => client.api(path).header("Prefer", PREFER);
  return {
    kind: "microsoft",
    supportsListUnsubscribe: false,
    sendMany: (requests) =>
      sendEach(requests, async (r) => {
        const recipients = [{ emailAddress: { address: r.to } }];
        const headers = [{ name: IDEMPOTENCY_HEADER, value: r.idempotencyKey }];
        const body = { contentType: "HTML", content: r.message.html };
        let draft: GraphMessage;
        try {
          if (r.thread?.providerMessageId) {
            draft = (await api(`/me/messages/${encodeURIComponent(r.thread.providerMessageId)}/createReply`).post({
              message: { toRecipients: recipients, internetMessageHeaders: headers },
            })) as GraphMessage;
            await api(`/me/messages/${encodeURIComponent(draft.id)}`).patch({ body, toRecipients: recipients });
          } else {
            draft = (await api("/me/messages").post({
              subject: r.message.subject,
              body,
              toRecipients: recipients,
              internetMessageHeaders: headers,
            })) as GraphMessage;
          }
        } catch (e) {
          // Nothing was sent yet: only a draft may exist.
          const err = mapError(e);
          throw new ProviderError(err.message, { ...err.opts, definite: true });
        }
        try {
          await api(`/me/messages/${encodeURIComponent(draft.id)}/send`).post({});
        } catch (e) {
          throw mapError(e);
        }
        return {
          messageId: draft.internetMessageId ?? r.message.messageId,
          providerMessageId: draft.id,
          providerThreadId: draft.conversationId ?? null,
        };
      }),
    async reconcile({ idempotencyKey, since }) {
      try {
        const res = (await api("/me/mailFolders/sentitems/messages")
          .filter(`sentDateTime ge ${new Date(since - 120_000).toISOString()}`)
          .select("id,internetMessageId,conversationId,internetMessageHeaders")
          .top(100)
          .get()) as { value: GraphMessage[] };
        const m = res.value.find((v) =>
          v.internetMessageHeaders?.some(
            (h) => h.name.toLowerCase() === IDEMPOTENCY_HEADER.toLowerCase() && h.value === idempotencyKey,
          ),
        );
        return m
          ? {
              found: {
                messageId: m.internetMessageId ?? "",
                providerMessageId: m.id,
                providerThreadId: m.conversationId ?? null,
              },
            }
          : { absent: true };
      } catch (e) {
        return { unknown: `Graph lookup failed: ${(e as Error).message}` };
      }
    },
  };
}
