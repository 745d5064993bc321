// Builds every outgoing sequence message, in one place: subject (Re: only for real replies), unsubscribe line,
// the tracking hook, HTML + text parts, threading headers, idempotency header, RFC 8058 headers on one line each.
import { randomBytes } from "node:crypto";
import { compile } from "html-to-text";
import MailComposer from "nodemailer/lib/mail-composer";
import { replySubject } from "@threadline/shared/domain/reply-subject";
import { unsubscribeLine } from "@threadline/shared/domain/unsubscribe-line";
import type { Db } from "../db/client";
import { instrumentHtml } from "../tracking/instrument-html";

export const IDEMPOTENCY_HEADER = "X-Threadline-Idempotency-Key";

export interface PrepareHtmlContext {
  db: Db | null;
  workspaceId: string;
  sendJobId: string;
  contactId: string;
  publicUrl: string;
  /** Base URL of pixel and click links (TRACKING_PUBLIC_URL); default publicUrl. */
  trackingUrl?: string;
  trackOpens: boolean;
  trackClicks: boolean;
  /** HMAC key for the pixel token and click tickets; without it (or without db) nothing is tracked. */
  signingSecret?: string;
}

/**
 * The tracking hook (issue 5): instrument the final HTML (open pixel, click-link rewriting) for one send job.
 * Called once per message, after the unsubscribe line is added and before the MIME message is composed.
 * Without tracking it returns the HTML unchanged. The unsubscribe link is never rewritten (instrumentHtml skips
 * PUBLIC_URL/u/… links); links marked `data-buying-signal` in a template become buying-signal links.
 */
export async function prepareHtml(html: string, ctx: PrepareHtmlContext): Promise<string> {
  if (!ctx.db || !ctx.signingSecret || (!ctx.trackOpens && !ctx.trackClicks)) return html;
  return instrumentHtml(
    {
      html,
      sendJobId: ctx.sendJobId,
      workspaceId: ctx.workspaceId,
      publicUrl: ctx.publicUrl,
      ...(ctx.trackingUrl ? { trackingUrl: ctx.trackingUrl } : {}),
      signingSecret: ctx.signingSecret,
      trackOpens: ctx.trackOpens,
      trackClicks: ctx.trackClicks,
    },
    ctx.db,
  );
}

// Compiled once: html-to-text's convert() compiles its selectors on every call.
const htmlToText = compile({ wordwrap: 78, selectors: [{ selector: "img", format: "skip" }] });

export interface BuildMessageInput {
  sendJobId: string;
  idempotencyKey: string;
  workspaceId: string;
  contactId: string;
  from: { name: string | null; address: string };
  to: { name: string | null; address: string };
  /** Rendered subject of this step (used as is for a new thread). */
  subject: string;
  /** Rendered HTML body. */
  html: string;
  language: string | null;
  /** Set only when this message really replies to an earlier one: the Message-IDs of the chain, oldest first. */
  reply: { subject: string; messageIds: string[] } | null;
  /** https URL for one-click unsubscribe (null = the sequence opted out) and the mailto alternative. */
  unsubscribe: { url: string; mailto: string } | null;
  tracking: { opens: boolean; clicks: boolean };
  publicUrl: string;
  /** Base URL of pixel and click links (TRACKING_PUBLIC_URL); default publicUrl. */
  trackingUrl?: string;
  /** Needed for tracking (signed pixel token and click tickets); omitted = no tracking. */
  signingSecret?: string;
  db: Db | null;
}

export interface BuiltMessage {
  raw: Buffer;
  messageId: string;
  subject: string;
  html: string;
  text: string;
  inReplyTo: string | null;
  references: string[];
  /** Extra headers as set (for transports that cannot take a raw message, e.g. Graph). */
  headers: Record<string, string>;
}

/** Header values must never contain line breaks (header injection). */
const oneLine = (s: string) => s.replace(/[\r\n]+/g, " ").trim();

export function newMessageId(sendJobId: string, fromAddress: string): string {
  const domain = fromAddress.slice(fromAddress.lastIndexOf("@") + 1) || "threadline.invalid";
  return `<${sendJobId}.${randomBytes(6).toString("hex")}@${domain}>`;
}

export async function buildMessage(input: BuildMessageInput): Promise<BuiltMessage> {
  const subject = oneLine(input.reply ? replySubject(input.reply.subject) : input.subject);
  let html = input.html;
  if (input.unsubscribe) {
    const line = unsubscribeLine({ language: input.language, url: input.unsubscribe.url });
    html += `\n<div style="font-size:12px;color:#888">${line.html}</div>`;
  }
  // Plain text from the uninstrumented HTML: tracking redirects do not belong in the text part.
  const text = htmlToText(html);
  html = await prepareHtml(html, {
    db: input.db,
    workspaceId: input.workspaceId,
    sendJobId: input.sendJobId,
    contactId: input.contactId,
    publicUrl: input.publicUrl,
    ...(input.trackingUrl ? { trackingUrl: input.trackingUrl } : {}),
    trackOpens: input.tracking.opens,
    trackClicks: input.tracking.clicks,
    ...(input.signingSecret ? { signingSecret: input.signingSecret } : {}),
  });

  const messageId = newMessageId(input.sendJobId, input.from.address);
  const references = input.reply?.messageIds ?? [];
  const inReplyTo = references.length ? references[references.length - 1]! : null;
  const headers: Record<string, string> = { [IDEMPOTENCY_HEADER]: input.idempotencyKey };
  if (input.unsubscribe) {
    headers["List-Unsubscribe"] = `<${input.unsubscribe.url}>, <${input.unsubscribe.mailto}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  const composer = new MailComposer({
    from: { name: oneLine(input.from.name ?? ""), address: input.from.address },
    to: { name: oneLine(input.to.name ?? ""), address: input.to.address },
    subject,
    html,
    text,
    messageId,
    ...(inReplyTo ? { inReplyTo, references } : {}),
    // prepared: written verbatim, never folded — a folded List-Unsubscribe broke DKIM at a relay (nodemailer#1654).
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, { prepared: true, value: oneLine(v) }])),
  });
  const raw = await composer.compile().build();
  return { raw, messageId, subject, html, text, inReplyTo, references, headers };
}
