import { DateTime } from "luxon";
import { expect, test } from "vitest";
import { handoffRulesSchema, stopRulesSchema } from "../schemas/inbound-rules";
import { decideInbound, type DecideInboundInput } from "./decide-inbound";

const now = DateTime.fromISO("2025-03-05T10:00:00", { zone: "Europe/Berlin" }).toMillis(); // a Wednesday
const rules = { stop: stopRulesSchema.parse({}), handoff: handoffRulesSchema.parse({}) };
const base: DecideInboundInput = {
  classification: { kind: "human_reply", returnDate: null, status: null },
  matched: true,
  enrollment: { state: "active", softBounces: 0 },
  rules,
  now,
  zone: "Europe/Berlin",
};
const day = (ms: number | null) =>
  ms === null ? null : DateTime.fromMillis(ms, { zone: "Europe/Berlin" }).toFormat("yyyy-MM-dd HH:mm");
const run = (over: Partial<DecideInboundInput>) => decideInbound({ ...base, ...over });

test.each([
  ["reply stops and hands off", {}, { state: "replied", contacts: "replied", handoff: true, suppress: null }],
  [
    "reply to a finished enrollment: nothing to stop, still a hand-off",
    { enrollment: { state: "finished" as const, softBounces: 0 } },
    { state: null, contacts: "replied", handoff: true, suppress: null },
  ],
  [
    "unrelated text in our thread is a reply",
    { classification: { kind: "unrelated" as const, returnDate: null, status: null } },
    { state: "replied", contacts: "replied", handoff: true, suppress: null },
  ],
  [
    "a machine's unrelated message in our thread is not",
    { fromMachine: true, classification: { kind: "unrelated" as const, returnDate: null, status: null } },
    { state: null, contacts: null, handoff: false, suppress: null },
  ],
  ["unmatched reply: recorded only", { matched: false }, { state: null, contacts: null, handoff: false, suppress: null }],
  [
    "hard bounce",
    { classification: { kind: "bounce_hard" as const, returnDate: null, status: "5.1.1" } },
    { state: "bounced", contacts: "bounced", handoff: false, suppress: "hard_bounce" },
  ],
  [
    "soft bounce 1 of 3",
    { classification: { kind: "bounce_soft" as const, returnDate: null, status: "4.2.2" } },
    { state: null, contacts: null, handoff: false, suppress: null },
  ],
  [
    "third soft bounce is hard",
    {
      enrollment: { state: "active" as const, softBounces: 2 },
      classification: { kind: "bounce_soft" as const, returnDate: null, status: "4.4.1" },
    },
    { state: "bounced", contacts: "bounced", handoff: false, suppress: "hard_bounce" },
  ],
  [
    "unsubscribe request",
    { classification: { kind: "unsubscribe_request" as const, returnDate: null, status: null } },
    { state: "unsubscribed", contacts: "unsubscribed", handoff: false, suppress: "unsubscribe" },
  ],
  [
    "unsubscribe request outside any thread still suppresses",
    {
      matched: false,
      enrollment: null,
      classification: { kind: "unsubscribe_request" as const, returnDate: null, status: null },
    },
    { state: null, contacts: "unsubscribed", handoff: false, suppress: "unsubscribe" },
  ],
  [
    "challenge-response pauses for a person, never suppresses",
    { classification: { kind: "challenge_response" as const, returnDate: null, status: null, challengeService: "Boxbe" } },
    { state: "paused", contacts: null, handoff: false, suppress: null },
  ],
  [
    "challenge-response outside any sequence: recorded, nothing stopped",
    { matched: false, enrollment: null, classification: { kind: "challenge_response" as const, returnDate: null, status: null } },
    { state: null, contacts: null, handoff: false, suppress: null },
  ],
  [
    "auto-reply pauses, never a reply",
    { classification: { kind: "auto_reply" as const, returnDate: "2025-03-14", status: null } },
    { state: "paused", contacts: null, handoff: false, suppress: null },
  ],
])("%s", (_name, over, expected) => {
  const d = run(over);
  expect({
    state: d.enrollment?.state ?? null,
    contacts: d.stopContactEnrollments,
    handoff: d.handoff,
    suppress: d.suppress,
  }).toEqual(expected);
});

test.each([
  ["return Friday → Monday", "2025-03-14", "2025-03-17 00:00"],
  ["return Monday → Tuesday", "2025-03-10", "2025-03-11 00:00"],
  ["no date → 5 business days", null, "2025-03-12 00:00"],
])("auto-reply resume: %s", (_name, returnDate, expected) => {
  const d = run({ classification: { kind: "auto_reply", returnDate, status: null } });
  expect(day(d.enrollment!.pausedUntil)).toBe(expected);
  expect(d.stopContactEnrollments).toBeNull();
});

test("the default pause is configurable", () => {
  const d = run({
    classification: { kind: "auto_reply", returnDate: null, status: null },
    rules: { ...rules, stop: stopRulesSchema.parse({ autoReplyDefaultPauseDays: 1 }) },
  });
  expect(day(d.enrollment!.pausedUntil)).toBe("2025-03-06 00:00");
});

test("soft bounce: counted and retried later", () => {
  const d = run({ classification: { kind: "bounce_soft", returnDate: null, status: "4.2.2" } });
  expect(d).toMatchObject({ softBounces: 1, retryAt: now + 24 * 3_600_000, markEmailInvalid: false });
  const third = run({
    enrollment: { state: "active", softBounces: 2 },
    classification: { kind: "bounce_soft", returnDate: null, status: "4.2.2" },
  });
  expect(third).toMatchObject({ softBounces: 3, retryAt: null, markEmailInvalid: true });
});

test("company-wide stop only when the sequence asks for it", () => {
  expect(run({}).stopCompanyEnrollments).toBe(false);
  expect(run({ rules: { ...rules, stop: stopRulesSchema.parse({ stopCompanyOnReply: true }) } }).stopCompanyEnrollments).toBe(
    true,
  );
});

test("a new unmatched message from a person is an inquiry", () => {
  expect(
    run({ matched: false, enrollment: null, classification: { kind: "unrelated", returnDate: null, status: null } }).inquiry,
  ).toBe(true);
  expect(
    run({
      matched: false,
      enrollment: null,
      fromMachine: true,
      classification: { kind: "unrelated", returnDate: null, status: null },
    }).inquiry,
  ).toBe(false);
});

test("a challenge-response asks the owner to confirm the sender and never touches the address", () => {
  const d = run({ classification: { kind: "challenge_response", returnDate: null, status: null, challengeService: "Boxbe" } });
  expect(d).toMatchObject({
    timelineType: "sender_verification",
    enrollment: { state: "paused", pausedUntil: null },
    verifySender: true,
    suppress: null,
    markEmailInvalid: false,
    softBounces: null,
    retryAt: null,
    inquiry: false,
  });
  expect(d.summary).toContain("Boxbe");
  // Even from a machine and in our thread it is never upgraded to a reply.
  expect(run({ fromMachine: true, classification: { kind: "challenge_response", returnDate: null, status: null } }).kind).toBe(
    "challenge_response",
  );
});
