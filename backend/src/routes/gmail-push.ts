// POST /hooks/gmail-push — Google Pub/Sub push for Gmail `watch`: wakes that mailbox's sync loop at once
// (the same history.list pass the poll runs; the poll stays as the fallback, since pushes can be dropped).
// Pub/Sub sends no cookie or user: the subscription URL carries a secret `?token=` (GMAIL_PUSH_TOKEN).
import { timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { ApiError } from "../http/api-error";
import type { AppEnv } from "../http/app-env";
import { validate } from "../http/validate";

export interface GmailPushDeps {
  token: string;
  /** Wakes the sync of the mailbox with this address; false when no loop runs for it. */
  onPush(emailAddress: string, historyId: string): boolean;
}

const pushBody = z.object({
  message: z.object({
    data: z.string().min(1).max(10_000),
    messageId: z.string().optional(),
    publishTime: z.string().optional(),
  }),
  subscription: z.string().optional(),
});
const notification = z.object({ emailAddress: z.email(), historyId: z.union([z.string(), z.number()]).transform(String) });

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function gmailPushRoutes(deps: GmailPushDeps) {
  const limit = bodyLimit({
    maxSize: 64 * 1024,
    onError: () => {
      throw new ApiError("payload_too_large", "A Pub/Sub push body is never larger than 64 KB.");
    },
  });
  return new Hono<AppEnv>().post("/", limit, validate("json", pushBody), (c) => {
    if (!same(c.req.query("token") ?? "", deps.token)) {
      throw new ApiError("unauthorized", "Unknown push token: the Pub/Sub subscription URL must carry ?token=GMAIL_PUSH_TOKEN.");
    }
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(c.req.valid("json").message.data, "base64").toString("utf8"));
    } catch {
      throw new ApiError("bad_request", "message.data is not base64-encoded JSON.");
    }
    const n = notification.safeParse(decoded);
    if (!n.success) throw new ApiError("bad_request", "message.data must hold { emailAddress, historyId }.");
    const triggered = deps.onPush(n.data.emailAddress.toLowerCase(), n.data.historyId);
    // 200 either way: an unknown address is not worth Pub/Sub's retries.
    return c.json({ ok: true, triggered }, 200);
  });
}
