import type { BuiltMessage } from "./build-message";

export interface SendRequest {
  sendJobId: string;
  workspaceId: string;
  mailboxId: string | null;
  idempotencyKey: string;
  to: string;
  from: string;
  message: BuiltMessage;
  /** Provider thread to continue (only for real replies). */
  thread: { gmailThreadId?: string; providerMessageId?: string; conversationId?: string } | null;
}

export interface SendResult {
  /** Message-ID header as the provider finally assigned it (Gmail replaces ours). */
  messageId: string;
  providerMessageId: string | null;
  providerThreadId: string | null;
  /** True when a message with this idempotency key already existed (nothing was sent again). */
  alreadySent?: boolean;
}

/** After a crash left a job in `sending`: found (the send happened), absent (safe to send), or cannot tell. */
export type ReconcileResult = { found: SendResult } | { absent: true } | { unknown: string };

export interface Transport {
  kind: "outbox" | "gmail" | "microsoft" | "smtp";
  /** Custom List-Unsubscribe headers reach the recipient (false for Graph's JSON API). */
  supportsListUnsubscribe: boolean;
  sendMany(requests: SendRequest[]): Promise<(SendResult | Error)[]>;
  reconcile(req: { idempotencyKey: string; to: string; since: number }): Promise<ReconcileResult>;
}

/**
 * A provider error. `definite` = the provider answered and did not send (safe to retry or fail);
 * otherwise the outcome is unknown (timeout, reset) and the job is reconciled before any retry.
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    /** pause: the enrollment is paused (a person can fix the mailbox and resume) instead of failed. */
    readonly opts: { definite: boolean; retryable: boolean; retryAfterMs?: number; pause?: boolean },
  ) {
    super(message);
  }
}

/** Runs one send per request, sequentially (providers limit concurrency per mailbox). */
export async function sendEach(requests: SendRequest[], send: (r: SendRequest) => Promise<SendResult>) {
  const out: (SendResult | Error)[] = [];
  for (const r of requests) {
    try {
      out.push(await send(r));
    } catch (e) {
      out.push(e instanceof Error ? e : new Error(String(e)));
    }
  }
  return out;
}

/** Retry-After (seconds or HTTP date) → ms. */
export function retryAfterMs(value: string | null | undefined, fallback = 60_000): number {
  if (!value) return fallback;
  const n = Number(value);
  if (Number.isFinite(n)) return Math.max(0, n * 1000);
  const t = Date.parse(value);
  return Number.isFinite(t) ? Math.max(0, t - Date.now()) : fallback;
}
