import { expect, test } from "vitest";
import { classifyInbound, type InboundKind, type ParsedInbound } from "./classify-inbound";

const base: ParsedInbound = {
  headers: {},
  from: "buyer@acme.example",
  returnPath: "buyer@acme.example",
  subject: "Re: Our proposal",
  date: "2025-03-04T09:00:00Z",
  text: "Thanks, sounds good.",
  html: null,
  parts: [],
};
const msg = (over: Partial<ParsedInbound>): ParsedInbound => ({ ...base, ...over, headers: { ...over.headers } });
const dsn = (action: string, status: string) => ({
  contentType: "message/delivery-status",
  content: `Reporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; x@acme.example\nAction: ${action}\nStatus: ${status}\n`,
});

test.each<[string, ParsedInbound, InboundKind]>([
  ["plain reply", msg({ headers: { "in-reply-to": "<a@b>" } }), "human_reply"],
  ["X-Auto-Response-Suppress alone is no signal", msg({ headers: { "x-auto-response-suppress": "All" } }), "human_reply"],
  ["Auto-Submitted: no is a person", msg({ headers: { "auto-submitted": "no" } }), "human_reply"],
  ["Auto-Submitted: auto-replied", msg({ headers: { "auto-submitted": "auto-replied" } }), "auto_reply"],
  ["Auto-Submitted: auto-generated (Exchange OOF)", msg({ headers: { "auto-submitted": "auto-generated" } }), "auto_reply"],
  ["X-Autoreply", msg({ headers: { "x-autoreply": "yes" } }), "auto_reply"],
  ["X-Autorespond", msg({ headers: { "x-autorespond": "1" } }), "auto_reply"],
  ["Precedence: junk", msg({ headers: { precedence: "junk" } }), "auto_reply"],
  ["Precedence: list is a mailing list, not an auto-reply", msg({ headers: { precedence: "list" } }), "human_reply"],
  ["localised subject only (de)", msg({ subject: "Automatische Antwort: Angebot" }), "auto_reply"],
  ["localised subject only (zh)", msg({ subject: "自动回复: 报价" }), "auto_reply"],
  ["localised subject only (es)", msg({ subject: "Respuesta automática: Oferta" }), "auto_reply"],
  ["DSN failed 5.x.x = hard", msg({ parts: [dsn("failed", "5.1.1")] }), "bounce_hard"],
  ["DSN failed 4.x.x = soft", msg({ parts: [dsn("failed", "4.2.2")] }), "bounce_soft"],
  ["DSN delayed = soft", msg({ parts: [dsn("delayed", "4.4.7")] }), "bounce_soft"],
  [
    "DSN with Auto-Submitted is still a bounce",
    msg({ headers: { "auto-submitted": "auto-replied" }, parts: [dsn("failed", "5.7.1")] }),
    "bounce_hard",
  ],
  [
    "mailer-daemon with a 550 in the text",
    msg({ from: "mailer-daemon@mx.example", subject: "Returned mail: see transcript", text: "550 5.1.1 user unknown" }),
    "bounce_hard",
  ],
  [
    "null sender with no failure wording is not a bounce",
    msg({ returnPath: "", subject: "Hello", text: "Just saying hi", headers: { "in-reply-to": "<a@b>" } }),
    "human_reply",
  ],
  [
    "bounce subject and no code: never hard on a guess",
    msg({ from: "postmaster@mx.example", subject: "Undeliverable: Our proposal", text: "Your message could not be sent." }),
    "bounce_soft",
  ],
  ["unsubscribe in own words", msg({ text: "Please take me off your list" }), "unsubscribe_request"],
  [
    "unsubscribe only in the quote",
    msg({ text: "Call me Monday.\n\n> To unsubscribe reply STOP or 'remove me'" }),
    "human_reply",
  ],
  ["ja unsubscribe", msg({ text: "配信停止をお願いします。" }), "unsubscribe_request"],
  ["it unsubscribe", msg({ text: "Vi prego di cancellarmi: non voglio più ricevere queste email." }), "unsubscribe_request"],
  ["pt unsubscribe", msg({ text: "Por favor, não me envie mais e-mails." }), "unsubscribe_request"],
  [
    "challenge-response from a whitelist filter is not a reply",
    msg({ headers: { "auto-submitted": "auto-replied" }, text: "Please confirm you are a human so your email is delivered." }),
    "challenge_response",
  ],
  [
    "challenge-response sent as a DSN with 4.7.0 is not a bounce",
    msg({
      from: "mailer-daemon@mx.example",
      subject: "Delivery Status Notification (Delay)",
      text: "Your message is on hold until you confirm: please verify that you are a real person.",
      parts: [dsn("delayed", "4.7.0")],
    }),
    "challenge_response",
  ],
  [
    "a hard bounce that mentions verification stays a hard bounce",
    msg({
      text: "Please verify you are a human",
      headers: { "auto-submitted": "auto-replied" },
      parts: [dsn("failed", "5.1.1")],
    }),
    "bounce_hard",
  ],
  ["no reply signal at all", msg({ subject: "Catalogue request", text: "Please send your catalogue." }), "unrelated"],
  ["html-only reply", msg({ text: "", html: "<p>Yes, call me.</p><blockquote>unsubscribe</blockquote>" }), "human_reply"],
])("%s", (_name, message, kind) => {
  expect(classifyInbound(message).kind).toBe(kind);
});

test("an auto-reply gives its return date and says where it came from", () => {
  const r = classifyInbound(
    msg({ headers: { "auto-submitted": "auto-replied" }, text: "Ich bin bis zum 14.03.2025 nicht im Büro." }),
  );
  expect(r.returnDate).toBe("2025-03-14");
  expect(r.evidence).toEqual([
    "Auto-Submitted: auto-replied",
    'auto-reply text "Ich bin bis zum 14.03.2025 nicht im Büro"',
    'return date 2025-03-14 from "14.03.2025"',
  ]);
});

test("a hard bounce names the original message and the status", () => {
  const r = classifyInbound(
    msg({
      parts: [dsn("failed", "5.1.1"), { contentType: "text/rfc822-headers", content: "Message-ID: <orig@us>\nSubject: x" }],
    }),
  );
  expect(r).toMatchObject({ kind: "bounce_hard", status: "5.1.1", originalMessageId: "<orig@us>" });
});
