// Raw RFC 5322 source → the shape the pure classifier reads, plus the ids matching needs. mailparser does the MIME.
import { simpleParser, type AddressObject } from "mailparser";
import type { ParsedInbound } from "@threadline/shared/domain/classify-inbound";

export interface RawMessageInfo {
  parsed: ParsedInbound;
  messageId: string | null;
  /** In-Reply-To first, then References newest-first: the Message-IDs this message answers. */
  referencedIds: string[];
  /** Every address on From/Reply-To (lower-cased): the people who may be replying. */
  senders: string[];
  receivedAt: number | null;
}

const READ_WHOLE =
  /^(message\/(global-)?delivery-status|message\/(rfc822|global|rfc822-headers|global-headers)|text\/rfc822-headers)$/i;
const MAX_PART_CHARS = 64 * 1024;

const ids = (v: string | undefined) => (v ? (v.match(/<[^<>\s]+>/g) ?? []) : []);
const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : [])
    .flatMap((o) => o.value)
    .map((v) => v.address?.toLowerCase())
    .filter((v): v is string => Boolean(v));

export async function parseRawMessage(raw: Buffer | string): Promise<RawMessageInfo> {
  const mail = await simpleParser(raw, { keepDeliveryStatus: true, skipImageLinks: true, skipTextLinks: true });
  const headers: Record<string, string> = {};
  for (const { key, line } of mail.headerLines) {
    const value = line
      .slice(line.indexOf(":") + 1)
      .replace(/\r?\n[ \t]+/g, " ")
      .trim();
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  }
  const rp = headers["return-path"];
  // Only the first Return-Path counts: it is the one the final MTA wrote.
  const firstRp = mail.headerLines.find((l) => l.key === "return-path")?.line;
  const returnPath = rp === undefined ? null : (/<([^>]*)>/.exec(firstRp ?? "")?.[1] ?? rp).trim().toLowerCase();
  const from = addresses(mail.from)[0] ?? null;
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null;
  const messageId = ids(headers["message-id"])[0] ?? null;
  const inReplyTo = ids(headers["in-reply-to"]);
  const references = ids(headers["references"]).reverse();
  return {
    parsed: {
      headers,
      from,
      returnPath,
      subject: mail.subject ?? "",
      date,
      text: mail.text ?? "",
      html: typeof mail.html === "string" ? mail.html : null,
      parts: mail.attachments
        .filter((a) => READ_WHOLE.test(a.contentType))
        .map((a) => ({ contentType: a.contentType.toLowerCase(), content: a.content.toString("utf8").slice(0, MAX_PART_CHARS) })),
    },
    messageId,
    referencedIds: [...new Set([...inReplyTo, ...references])],
    senders: [...new Set([...addresses(mail.from), ...addresses(mail.replyTo)])],
    receivedAt: date ? Date.parse(date) : null,
  };
}
