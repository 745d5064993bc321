import { expect, test } from "vitest";
import { describeTimelineEvent } from "./describe-timeline-event";

test.each([
  { type: "open", payload: { subject: "Quote" }, want: "Opened “Quote”" },
  { type: "open", payload: {}, want: "Opened" },
  { type: "click", payload: { url: "https://x.test/p", subject: "Q" }, want: "Clicked https://x.test/p in “Q”" },
  { type: "stage_change", payload: { from: "lead", to: "qualified" }, want: "Stage lead → qualified" },
  { type: "note", payload: { body: "  " }, want: "Note: (empty)" },
  { type: "auto_reply", payload: { kind: "out_of_office", subject: "Re: Q" }, want: "Auto-reply (out_of_office) “Re: Q”" },
  { type: "sequence_step_sent", payload: { step: 2 }, want: "Sequence step 2 sent" },
  { type: "sequence_enrolled", payload: { sequenceName: "Trade show" }, want: "Added to sequence “Trade show”" },
  { type: "bounce", payload: { reason: 42 }, want: "Bounced" },
  { type: "bounce", payload: { reason: "hard bounce 5.1.1" }, want: "Bounced: hard bounce 5.1.1" },
  {
    type: "auto_reply",
    payload: { subject: "Automatische Antwort: Q", returnDate: "2025-03-14" },
    want: "Auto-reply “Automatische Antwort: Q”, back 2025-03-14",
  },
  {
    type: "unsubscribe",
    payload: { reason: "unsubscribe request: address suppressed" },
    want: "Unsubscribed: unsubscribe request: address suppressed",
  },
  { type: "handoff", payload: { reason: "opened 3 times" }, want: "Handed off: opened 3 times" },
  {
    type: "sender_verification",
    payload: { challengeService: "Boxbe", subject: "Re: Q" },
    want: "Sender verification requested by Boxbe “Re: Q”: confirm, then resume",
  },
  { type: "sender_verification", payload: {}, want: "Sender verification requested: confirm, then resume" },
] as const)("$type $payload → $want", ({ type, payload, want }) => {
  expect(describeTimelineEvent({ type, payload })).toBe(want);
});
