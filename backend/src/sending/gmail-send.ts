import type { gmail_v1 } from "googleapis/build/src/apis/gmail/index.js";
import { IDEMPOTENCY_HEADER } from "./build-message";
import { ProviderError, retryAfterMs, sendEach, type SendResult, type Transport } from "./transport";

interface GaxiosLikeError extends Error {
  status?: number;
  response?: { status?: number; headers?: Record<string, string> | Headers; data?: unknown };
}

const headerOf = (headers: gmail_v1.Schema$MessagePartHeader[] | undefined, name: string) =>
  headers?.find((h) => h.name?.toLowerCase() === name.toLowerCase())?.value ?? null;

function mapError(e: unknown): ProviderError {
  const err = e as GaxiosLikeError;
  const status = err.response?.status ?? err.status;
  if (!status) return new ProviderError(`Gmail: ${err.message}`, { definite: false, retryable: false });
  const h = err.response?.headers;
  const retryAfter =
    h && typeof (h as Headers).get === "function"
      ? (h as Headers).get("retry-after")
      : (h as Record<string, string> | undefined)?.["retry-after"];
  const body = JSON.stringify(err.response?.data ?? "");
  if (status === 429 || (status === 403 && /rateLimitExceeded|userRateLimitExceeded|quota/i.test(body))) {
    return new ProviderError(`Gmail rate limit (${status})`, {
      definite: true,
      retryable: true,
      retryAfterMs: retryAfterMs(retryAfter),
    });
  }
  // A 5xx may have happened after Gmail accepted the message: reconcile before retrying.
  if (status >= 500) return new ProviderError(`Gmail ${status}: ${err.message}`, { definite: false, retryable: false });
  return new ProviderError(`Gmail ${status}: ${err.message}`, { definite: true, retryable: status === 401 });
}

/**
 * Gmail API: users.messages.send with the raw RFC 5322 message (and threadId for replies). Gmail replaces our
 * Message-ID, so it is read back (messages.get, format metadata) and stored for the next step's In-Reply-To.
 */
export function gmailSend(gmail: gmail_v1.Gmail): Transport {
  async function messageIdOf(id: string): Promise<string | null> {
    const meta = await gmail.users.messages.get({ userId: "me", id, format: "metadata", metadataHeaders: ["Message-ID"] });
    return headerOf(meta.data.payload?.headers, "Message-ID");
  }
  return {
    kind: "gmail",
    supportsListUnsubscribe: true,
    sendMany: (requests) =>
      sendEach(requests, async (r) => {
        let sent: gmail_v1.Schema$Message;
        try {
          const res = await gmail.users.messages.send({
            userId: "me",
            requestBody: {
              raw: r.message.raw.toString("base64url"),
              ...(r.thread?.gmailThreadId ? { threadId: r.thread.gmailThreadId } : {}),
            },
          });
          sent = res.data;
        } catch (e) {
          throw mapError(e);
        }
        // The send happened; failing to read the id back must not make it look unsent.
        const messageId = await messageIdOf(sent.id!).catch(() => null);
        return {
          messageId: messageId ?? r.message.messageId,
          providerMessageId: sent.id ?? null,
          providerThreadId: sent.threadId ?? null,
        };
      }),
    async reconcile({ idempotencyKey, to, since }) {
      try {
        const list = await gmail.users.messages.list({
          userId: "me",
          q: `in:sent to:${to} after:${Math.floor(since / 1000) - 120}`,
          maxResults: 50,
        });
        for (const m of list.data.messages ?? []) {
          const meta = await gmail.users.messages.get({
            userId: "me",
            id: m.id!,
            format: "metadata",
            metadataHeaders: [IDEMPOTENCY_HEADER, "Message-ID"],
          });
          const headers = meta.data.payload?.headers;
          if (headerOf(headers, IDEMPOTENCY_HEADER) === idempotencyKey) {
            const found: SendResult = {
              messageId: headerOf(headers, "Message-ID") ?? "",
              providerMessageId: meta.data.id ?? m.id ?? null,
              providerThreadId: meta.data.threadId ?? null,
            };
            return { found };
          }
        }
        return { absent: true };
      } catch (e) {
        return { unknown: `Gmail lookup failed: ${(e as Error).message}` };
      }
    },
  };
}
