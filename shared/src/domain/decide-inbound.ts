import { DateTime } from "luxon";
import type { HandoffRules, StopRules } from "../schemas/inbound-rules";
import type { InboundClassification, InboundKind } from "./classify-inbound";
import { firstBusinessDayAfter } from "./first-business-day-after";

export type EnrollmentStateName =
  "active" | "paused" | "finished" | "replied" | "bounced" | "unsubscribed" | "stopped" | "failed";

export interface DecideInboundInput {
  classification: Pick<InboundClassification, "kind" | "returnDate" | "status" | "challengeService">;
  /** The inbound message was matched to one of our sends (by Message-ID, thread, or the bounce report). */
  matched: boolean;
  /** Sent by a machine (null Return-Path, mailer-daemon): never upgraded to a reply by a thread match. */
  fromMachine?: boolean;
  /** The matched send's enrollment, if any. */
  enrollment: { state: EnrollmentStateName; softBounces: number } | null;
  rules: { stop: StopRules; handoff: HandoffRules };
  now: number;
  /** The recipient's zone and working days, for "first business day after the return date". */
  zone: string;
  workDays?: number[];
  holidays?: string[];
}

export interface InboundDecision {
  /** The kind acted on: a matched message without any other signal is a reply (same thread, no markers). */
  kind: InboundKind;
  timelineType: "reply" | "auto_reply" | "sender_verification" | "bounce" | "unsubscribe" | "email_received";
  /** New state for the matched enrollment; null = leave it. */
  enrollment: { state: "replied" | "paused" | "bounced" | "unsubscribed"; reason: string; pausedUntil: number | null } | null;
  /** Stop every other active/paused enrollment of the contact with this state. */
  stopContactEnrollments: "replied" | "bounced" | "unsubscribed" | null;
  stopCompanyEnrollments: boolean;
  softBounces: number | null;
  /** Soft bounce: when to retry the bounced step. */
  retryAt: number | null;
  suppress: "hard_bounce" | "unsubscribe" | null;
  markEmailInvalid: boolean;
  handoff: boolean;
  /** A new message nobody asked for: a person should answer it (reminder task if unanswered). */
  inquiry: boolean;
  /** Challenge-response: a task for the owner to confirm the sender (the filter holds our mail until then). */
  verifySender: boolean;
  summary: string;
}

const LIVE: EnrollmentStateName[] = ["active", "paused"];

function addBusinessDays(now: number, days: number, zone: string, workDays?: number[], holidays?: string[]): number {
  let date = DateTime.fromMillis(now, { zone }).toISODate()!;
  let at = now;
  for (let i = 0; i < days; i++) {
    at = firstBusinessDayAfter({ date, zone, workDays, holidays });
    date = DateTime.fromMillis(at, { zone }).toISODate()!;
  }
  return at;
}

/**
 * The one stop-rules engine, as a pure decision: what an inbound message does to the enrollment, the address
 * and the contact. Human reply → replied (+ company-wide stop when the sequence says so, + hand-off);
 * auto-reply → pause until the first business day after the return date (or a default), never a reply;
 * challenge-response → paused until a person confirms the sender (a task for the owner; never a bounce, never
 * a suppression, never a reply); hard bounce → bounced, suppressed, email invalid; soft bounce → counted and
 * retried, the limit-th is hard; unsubscribe → suppressed and stopped.
 */
export function decideInbound(input: DecideInboundInput): InboundDecision {
  const { classification: c, matched, enrollment, rules, now, zone, workDays, holidays } = input;
  const live = enrollment !== null && LIVE.includes(enrollment.state);
  const none: InboundDecision = {
    kind: c.kind,
    timelineType: "email_received",
    enrollment: null,
    stopContactEnrollments: null,
    stopCompanyEnrollments: false,
    softBounces: null,
    retryAt: null,
    suppress: null,
    markEmailInvalid: false,
    handoff: false,
    inquiry: false,
    verifySender: false,
    summary: "",
  };
  const kind: InboundKind = c.kind === "unrelated" && matched && !input.fromMachine ? "human_reply" : c.kind;

  switch (kind) {
    case "human_reply":
      if (!matched) return { ...none, kind, summary: "a reply to a thread we did not send: recorded only" };
      return {
        ...none,
        kind,
        timelineType: "reply",
        enrollment: live ? { state: "replied", reason: "reply received", pausedUntil: null } : null,
        stopContactEnrollments: "replied",
        stopCompanyEnrollments: rules.stop.stopCompanyOnReply,
        handoff: rules.handoff.onReply,
        summary: "reply received: sequence stopped",
      };
    case "auto_reply": {
      if (!matched || !live) return { ...none, kind, timelineType: "auto_reply", summary: "auto-reply recorded" };
      const pausedUntil = c.returnDate
        ? firstBusinessDayAfter({ date: c.returnDate, zone, workDays, holidays })
        : addBusinessDays(now, rules.stop.autoReplyDefaultPauseDays, zone, workDays, holidays);
      const until = DateTime.fromMillis(pausedUntil, { zone }).toISODate();
      return {
        ...none,
        kind,
        timelineType: "auto_reply",
        enrollment: {
          state: "paused",
          reason: c.returnDate
            ? `auto-reply: back ${c.returnDate}, resumes ${until}`
            : `auto-reply without a return date: resumes ${until}`,
          pausedUntil,
        },
        summary: `auto-reply: paused until ${until}`,
      };
    }
    case "challenge_response": {
      // The address works and a person will read our mail once we pass the filter's check: pause (no end date —
      // the follow-ups would be held too) and ask the owner to confirm, then resume by hand.
      const by = c.challengeService ? ` by ${c.challengeService}` : "";
      const paused = matched && live;
      return {
        ...none,
        kind,
        timelineType: "sender_verification",
        enrollment: paused
          ? { state: "paused", reason: `sender verification requested${by}: confirm, then resume`, pausedUntil: null }
          : null,
        verifySender: true,
        summary: paused
          ? `sender verification requested${by}: sequence paused until the sender is confirmed`
          : `sender verification requested${by}`,
      };
    }
    case "bounce_hard":
    case "bounce_soft": {
      if (!matched) return { ...none, kind, timelineType: "bounce", summary: "bounce for a message we cannot match" };
      const count = (enrollment?.softBounces ?? 0) + (kind === "bounce_soft" ? 1 : 0);
      const hard = kind === "bounce_hard" || count >= rules.stop.softBounceLimit;
      if (hard) {
        const reason =
          kind === "bounce_hard"
            ? `hard bounce${c.status ? ` ${c.status}` : ""}`
            : `${count} soft bounces: treated as hard${c.status ? ` (last ${c.status})` : ""}`;
        return {
          ...none,
          kind,
          timelineType: "bounce",
          enrollment: live ? { state: "bounced", reason, pausedUntil: null } : null,
          stopContactEnrollments: "bounced",
          softBounces: kind === "bounce_soft" ? count : null,
          suppress: "hard_bounce",
          markEmailInvalid: true,
          summary: reason,
        };
      }
      return {
        ...none,
        kind,
        timelineType: "bounce",
        softBounces: count,
        retryAt: live ? now + rules.stop.softBounceRetryHours * 3_600_000 : null,
        summary: `soft bounce ${count} of ${rules.stop.softBounceLimit}${c.status ? ` (${c.status})` : ""}: step retried later`,
      };
    }
    case "unsubscribe_request":
      return {
        ...none,
        kind,
        timelineType: "unsubscribe",
        enrollment: live ? { state: "unsubscribed", reason: "asked to be removed (reply)", pausedUntil: null } : null,
        stopContactEnrollments: "unsubscribed",
        suppress: "unsubscribe",
        summary: "unsubscribe request: address suppressed, sequences stopped",
      };
    case "unrelated":
      return { ...none, kind, inquiry: !matched && !input.fromMachine, summary: "new inbound message" };
  }
}
