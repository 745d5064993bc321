// The parse + classify path on realistic messages (fixtures/*.eml): mailparser → ParsedInbound → classifyInbound.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { classifyInbound, type InboundKind } from "@threadline/shared/domain/classify-inbound";
import { parseRawMessage } from "./parse-raw-message";

const dir = new URL("./fixtures/", import.meta.url);
const load = async (file: string) => parseRawMessage(readFileSync(new URL(file, dir)));

type Row = [file: string, kind: InboundKind, status: string | null, returnDate: string | null, originalMessageId: string | null];
const rows: Row[] = [
  // Hard bounces: RFC 3464 reports and the text formats of the major MTAs and providers.
  ["bounce-postfix-dsn-hard.eml", "bounce_hard", "5.1.1", null, "<seq-step1.a1b2c3@threadline-demo.com>"],
  ["bounce-exim-hard.eml", "bounce_hard", "5.0.0", null, "<seq-exim.77f1@threadline-demo.com>"],
  ["bounce-exim-text-only-hard.eml", "bounce_hard", null, null, "<seq-exim-text.9c2e@threadline-demo.com>"],
  ["bounce-qmail-hard.eml", "bounce_hard", "5.1.1", null, "<seq-qmail.0042@threadline-demo.com>"],
  ["bounce-gmail-dsn-hard.eml", "bounce_hard", "5.1.1", null, "<seq-gmail.5d5d@threadline-demo.com>"],
  ["bounce-gmail-text-hard.eml", "bounce_hard", "5.1.1", null, "<seq-gtext.aa01@threadline-demo.com>"],
  ["bounce-office365-ndr-hard.eml", "bounce_hard", "5.1.10", null, "<seq-o365.31ff@threadline-demo.com>"],
  ["bounce-exchange-de-hard.eml", "bounce_hard", "5.1.1", null, "<seq-exde.1200@threadline-demo.com>"],
  ["bounce-yahoo-hard.eml", "bounce_hard", "554", null, "<seq-yahoo.e0e0@threadline-demo.com>"],
  ["bounce-qq-hard.eml", "bounce_hard", null, null, "<seq-qq.4f4f@threadline-demo.com>"],
  ["bounce-163-hard.eml", "bounce_hard", "550", null, "<seq-163.ab12@threadline-demo.com>"],
  // Soft bounces: delays, 4.x.x, full mailboxes.
  ["bounce-postfix-delayed-soft.eml", "bounce_soft", "4.4.1", null, "<seq-delay.5151@threadline-demo.com>"],
  ["bounce-exim-delayed-soft.eml", "bounce_soft", "4.7.1", null, null],
  ["bounce-gmail-delay-soft.eml", "bounce_soft", "4.2.2", null, null],
  ["bounce-failed-4xx-soft.eml", "bounce_soft", "4.2.2", null, "<seq-full.4422@threadline-demo.com>"],
  ["bounce-text-mailbox-full-soft.eml", "bounce_soft", null, null, "<seq-tiny.7777@threadline-demo.com>"],
  // Auto-replies, with the return date parsed from the text in its language.
  ["auto-gmail-vacation-en.eml", "auto_reply", null, "2025-03-10", null],
  ["auto-exchange-oof-de.eml", "auto_reply", null, "2025-03-14", null],
  ["auto-exchange-subject-only-fr.eml", "auto_reply", null, "2025-03-12", null],
  ["auto-es.eml", "auto_reply", null, "2025-03-17", null],
  ["auto-pt.eml", "auto_reply", null, "2025-03-24", null],
  ["auto-it.eml", "auto_reply", null, "2025-04-08", null],
  ["auto-nl.eml", "auto_reply", null, "2025-03-11", null],
  ["auto-zh.eml", "auto_reply", null, "2025-03-12", null],
  ["auto-ja.eml", "auto_reply", null, "2025-03-18", null],
  ["auto-ru.eml", "auto_reply", null, "2025-03-15", null],
  ["auto-x-autorespond-ticket.eml", "auto_reply", null, null, null],
  ["auto-precedence-weekday.eml", "auto_reply", null, "2025-03-10", null],
  ["auto-us-date.eml", "auto_reply", null, "2025-03-17", null],
  ["auto-body-only-en.eml", "auto_reply", null, "2025-03-11", null],
  ["auto-year-rollover.eml", "auto_reply", null, "2025-01-06", null],
  ["auto-x-autoreply-no-date.eml", "auto_reply", null, null, null],
  ["auto-bounce-looking-but-ooo-null-path.eml", "auto_reply", null, "2025-06-30", null],
  // Unsubscribe requests in plain words, never from the quoted copy of our own mail.
  ["unsub-en-remove-me.eml", "unsubscribe_request", null, null, null],
  ["unsub-zh-qingwu.eml", "unsubscribe_request", null, null, null],
  ["unsub-zh-tuiding.eml", "unsubscribe_request", null, null, null],
  ["unsub-de.eml", "unsubscribe_request", null, null, null],
  ["unsub-fr.eml", "unsubscribe_request", null, null, null],
  ["unsub-es.eml", "unsubscribe_request", null, null, null],
  ["unsub-html-only.eml", "unsubscribe_request", null, null, null],
  ["unsub-subject-only.eml", "unsubscribe_request", null, null, null],
  ["unsub-ru.eml", "unsubscribe_request", null, null, null],
  ["unsub-nl.eml", "unsubscribe_request", null, null, null],
  // Human replies (quoted footers that say "unsubscribe" do not count; X-Auto-Response-Suppress is no signal).
  ["human-reply-quoted-unsubscribe.eml", "human_reply", null, null, null],
  ["human-reply-outlook-suppress.eml", "human_reply", null, null, null],
  ["human-reply-de.eml", "human_reply", null, null, null],
  ["human-reply-zh.eml", "human_reply", null, null, null],
  ["human-reply-colleague.eml", "human_reply", null, null, null],
  ["human-reply-html.eml", "human_reply", null, null, null],
  ["human-reply-mentions-vacation.eml", "human_reply", null, null, null],
  // Unrelated: a new inquiry, a success DSN, a mail with only X-Auto-Response-Suppress.
  ["unrelated-new-inquiry.eml", "unrelated", null, null, null],
  ["unrelated-delivery-success.eml", "unrelated", "2.0.0", null, null],
  ["unrelated-x-auto-response-suppress-only.eml", "unrelated", null, null, null],
];

describe("parse + classify realistic messages", () => {
  test("every fixture is in the table", () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".eml"));
    expect(new Set(files)).toEqual(new Set(rows.map((r) => r[0])));
  });

  test.each(rows)("%s → %s", async (file, kind, status, returnDate, originalMessageId) => {
    const { parsed } = await load(file);
    const result = classifyInbound(parsed);
    expect({ kind: result.kind, status: result.status, returnDate: result.returnDate }).toEqual({ kind, status, returnDate });
    if (originalMessageId) expect(result.originalMessageId).toBe(originalMessageId);
    expect(result.evidence.length).toBeGreaterThan(0);
  });

  test("a bounce that carries Auto-Submitted is still a bounce, and says why", async () => {
    const { parsed } = await load("bounce-postfix-dsn-hard.eml");
    expect(parsed.headers["auto-submitted"]).toBe("auto-replied");
    const r = classifyInbound(parsed);
    expect(r.kind).toBe("bounce_hard");
    expect(r.evidence.join(" ")).toContain("Action=failed Status=5.1.1");
  });

  test("reply ids and senders come out of the headers", async () => {
    const info = await load("human-reply-quoted-unsubscribe.eml");
    expect(info.messageId).toBe("<CAHm31er-reply@mail.gmail.com>");
    expect(info.referencedIds).toEqual(["<seq-hans.0002@threadline-demo.com>", "<seq-hans.0001@threadline-demo.com>"]);
    expect(info.senders).toEqual(["hans.meier@example-tools.de"]);
    expect((await load("bounce-qmail-hard.eml")).parsed.returnPath).toBe("");
  });
});
