import { describe, expect, test } from "vitest";
import type { RuleAction, RuleCondition } from "../schemas/rule";
import { ruleWriteSchema } from "../schemas/rule";
import { evaluateRules, keywordMatches, type EvaluableRule, type RuleSubject } from "./evaluate-rules";

const rule = (id: string, conditions: RuleCondition[], actions: RuleAction[], extra: Partial<EvaluableRule> = {}) => ({
  id,
  enabled: true,
  position: 0,
  conditions,
  actions,
  ...extra,
});
const inquiryKeywords: RuleCondition = {
  type: "keywords",
  keywords: ["inquiry", "询价", "报价", "quotation", "PO"],
  in: ["subject", "body"],
};
const tagInquiry: RuleAction = { type: "add_tags", tags: ["inquiry"] };

describe("keywordMatches", () => {
  test.each([
    ["Inquiry about pumps", "inquiry", true],
    ["INQUIRY", "inquiry", true],
    ["inquiryform submitted", "inquiry", false],
    ["关于贵司产品的询价", "询价", true],
    ["请报价", "报价", true],
    ["Please find our PO attached", "PO", true],
    ["PO#4711", "PO", true],
    ["(PO)", "PO", true],
    ["see the report", "PO", false],
    ["PO box 12", "po", true],
    ["P.O. box", "PO", false],
    ["un po' di tempo", "PO", false],
    ["po box 12", "PO", false],
    ["request for quotation", "request for  quotation", true],
    ["Re: Quotation-2026", "quotation", true],
    ["", "inquiry", false],
    ["anything", "  ", false],
  ])("%j contains %j → %s", (text, kw, expected) => {
    expect(keywordMatches(text, kw)).toBe(expected);
  });
});

describe("evaluateRules", () => {
  const base: RuleSubject = { email: "buyer@shop.example.cn" };
  test.each<[string, EvaluableRule[], RuleSubject, { tags: string[]; stage: string | null; owner: string | null }]>([
    [
      "keyword in subject (English)",
      [rule("r1", [inquiryKeywords], [tagInquiry])],
      { ...base, subject: "Inquiry: 500 pumps" },
      { tags: ["inquiry"], stage: null, owner: null },
    ],
    [
      "keyword in body (Chinese)",
      [rule("r1", [inquiryKeywords], [tagInquiry])],
      { ...base, body: "您好，我们想询价。" },
      { tags: ["inquiry"], stage: null, owner: null },
    ],
    [
      "PO only as a word",
      [rule("r1", [inquiryKeywords], [tagInquiry])],
      { ...base, subject: "Monthly report" },
      { tags: [], stage: null, owner: null },
    ],
    [
      "no text: keyword rule does not match",
      [rule("r1", [inquiryKeywords], [tagInquiry])],
      base,
      { tags: [], stage: null, owner: null },
    ],
    [
      "keyword only searched in subject",
      [rule("r1", [{ type: "keywords", keywords: ["PO"], in: ["subject"] }], [tagInquiry])],
      { ...base, subject: "hello", body: "our PO" },
      { tags: [], stage: null, owner: null },
    ],
    [
      "sender domain: exact",
      [rule("r1", [{ type: "sender_domain", domains: ["shop.example.cn"] }], [tagInquiry])],
      base,
      { tags: ["inquiry"], stage: null, owner: null },
    ],
    [
      "sender domain: TLD entry covers subdomains",
      [rule("r1", [{ type: "sender_domain", domains: ["cn"] }], [tagInquiry])],
      base,
      { tags: ["inquiry"], stage: null, owner: null },
    ],
    [
      "sender domain: no suffix confusion",
      [rule("r1", [{ type: "sender_domain", domains: ["ample.cn"] }], [tagInquiry])],
      base,
      { tags: [], stage: null, owner: null },
    ],
    [
      "country, case-insensitive",
      [rule("r1", [{ type: "country", countries: ["DE"] }], [{ type: "set_stage", stage: "qualified" }])],
      { ...base, country: "de" },
      { tags: [], stage: "qualified", owner: null },
    ],
    [
      "country unknown: no match",
      [rule("r1", [{ type: "country", countries: ["DE"] }], [tagInquiry])],
      { ...base, country: null },
      { tags: [], stage: null, owner: null },
    ],
    [
      "language from the contact",
      [rule("r1", [{ type: "language", languages: ["es"] }], [{ type: "assign_owner", userId: "us_1" }])],
      { ...base, language: "ES", subject: "Hello there my friend, how are you" },
      { tags: [], stage: null, owner: "us_1" },
    ],
    [
      "language detected from the text",
      [rule("r1", [{ type: "language", languages: ["zh"] }], [{ type: "add_tags", tags: ["lang:zh"] }])],
      { ...base, subject: "询价" },
      { tags: ["lang:zh"], stage: null, owner: null },
    ],
    [
      "language guessed from the country",
      [rule("r1", [{ type: "language", languages: ["de"] }], [tagInquiry])],
      { ...base, country: "AT" },
      { tags: ["inquiry"], stage: null, owner: null },
    ],
    [
      "all conditions must hold",
      [rule("r1", [inquiryKeywords, { type: "country", countries: ["CN"] }], [tagInquiry])],
      { ...base, subject: "Quotation", country: "US" },
      { tags: [], stage: null, owner: null },
    ],
    [
      "no conditions: always",
      [rule("r1", [], [{ type: "add_tags", tags: ["new"] }])],
      base,
      { tags: ["new"], stage: null, owner: null },
    ],
    [
      "disabled rule never matches",
      [rule("r1", [], [tagInquiry], { enabled: false })],
      base,
      { tags: [], stage: null, owner: null },
    ],
    [
      "first by position wins stage/owner; tags merge without duplicates",
      [
        rule(
          "late",
          [],
          [
            { type: "set_stage", stage: "lost" },
            { type: "add_tags", tags: ["a", "b"] },
            { type: "assign_owner", userId: "us_late" },
          ],
          { position: 5 },
        ),
        rule(
          "early",
          [],
          [
            { type: "set_stage", stage: "qualified" },
            { type: "add_tags", tags: ["b", "c"] },
          ],
          { position: 1 },
        ),
      ],
      base,
      { tags: ["b", "c", "a"], stage: "qualified", owner: "us_late" },
    ],
  ])("%s", (_name, rules, subject, expected) => {
    const out = evaluateRules({ rules, subject });
    expect({ tags: out.addTags, stage: out.stage, owner: out.ownerId }).toEqual(expected);
  });

  test("matchedRuleIds lists matches in position order", () => {
    const out = evaluateRules({
      rules: [
        rule("b", [], [tagInquiry], { position: 2 }),
        rule("a", [], [tagInquiry], { position: 1 }),
        rule("c", [inquiryKeywords], [tagInquiry]),
      ],
      subject: base,
    });
    expect(out.matchedRuleIds).toEqual(["a", "b"]);
  });
});

describe("rule schema", () => {
  test.each([
    ["domain with @ and wildcard is normalised", { type: "sender_domain", domains: ["@Acme.com", "*.cn"] }, true],
    ["not a domain", { type: "sender_domain", domains: ["acme com"] }, false],
    ["empty keyword list", { type: "keywords", keywords: [] }, false],
    ["unknown condition type", { type: "moon_phase" }, false],
  ])("%s", (_name, condition, ok) => {
    const r = ruleWriteSchema.safeParse({ name: "x", trigger: "email_received", conditions: [condition], actions: [tagInquiry] });
    expect(r.success).toBe(ok);
    if (ok && r.success && r.data.conditions[0]?.type === "sender_domain")
      expect(r.data.conditions[0].domains).toEqual(["acme.com", "cn"]);
  });
  test("a rule needs an action", () => {
    expect(ruleWriteSchema.safeParse({ name: "x", trigger: "contact_created", conditions: [], actions: [] }).success).toBe(false);
  });
});
