import type { RuleAction, RuleCondition } from "../schemas/rule";
import { detectLanguage } from "./detect-language";
import { languageForCountry } from "./language-for-country";

export interface EvaluableRule {
  id: string;
  enabled: boolean;
  position: number;
  conditions: RuleCondition[];
  actions: RuleAction[];
}

export interface RuleSubject {
  /** Sender address (inbound mail) or the contact's address (contact created). */
  email: string;
  country?: string | null;
  subject?: string | null;
  body?: string | null;
  /** The contact's language when set; otherwise the text's, otherwise the country's guess. */
  language?: string | null;
}

export interface RuleOutcome {
  matchedRuleIds: string[];
  addTags: string[];
  /** The first matching rule (by position) that sets a stage / an owner wins. */
  stage: string | null;
  ownerId: string | null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const hasLetterOrDigit = /[\p{L}\p{N}]/u;
// Scripts written without spaces between words: a keyword there is matched as a substring.
const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/**
 * Does `text` contain `keyword`? Words are matched whole ("PO" not in "report"); an all-capitals keyword
 * (PO, RFQ) matches only in capitals, so "un po'" or "po box" stay out; Chinese/Japanese/Thai match as substrings.
 */
export function keywordMatches(text: string, keyword: string): boolean {
  const kw = keyword.trim();
  if (!kw) return false;
  if (unspaced.test(kw)) return text.toLowerCase().includes(kw.toLowerCase());
  const acronym = kw === kw.toUpperCase() && kw !== kw.toLowerCase() && kw.length <= 5;
  const edgeL = hasLetterOrDigit.test(kw.charAt(0)) ? "(?<![\\p{L}\\p{N}])" : "";
  const edgeR = hasLetterOrDigit.test(kw.charAt(kw.length - 1)) ? "(?![\\p{L}\\p{N}])" : "";
  const pattern = new RegExp(`${edgeL}${escapeRegExp(kw).replace(/\s+/g, "\\s+")}${edgeR}`, acronym ? "u" : "iu");
  return pattern.test(text);
}

const domainOf = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

function conditionHolds(cond: RuleCondition, s: RuleSubject, language: () => string | null): boolean {
  switch (cond.type) {
    case "sender_domain": {
      const domain = domainOf(s.email);
      return cond.domains.some((d) => domain === d || domain.endsWith(`.${d}`));
    }
    case "country":
      return !!s.country && cond.countries.includes(s.country.toUpperCase());
    case "keywords": {
      const texts = cond.in.map((where) => (where === "subject" ? s.subject : s.body) ?? "").filter(Boolean);
      return texts.length > 0 && cond.keywords.some((k) => texts.some((t) => keywordMatches(t, k)));
    }
    case "language": {
      const lang = language();
      return !!lang && cond.languages.includes(lang);
    }
  }
}

/** Which rules match and what they do together. Disabled rules never match; a rule with no conditions always does. */
export function evaluateRules({ rules, subject }: { rules: readonly EvaluableRule[]; subject: RuleSubject }): RuleOutcome {
  let lang: string | null | undefined;
  const language = () => {
    if (lang === undefined) {
      const text = [subject.subject, subject.body].filter(Boolean).join("\n");
      lang =
        subject.language?.toLowerCase() ||
        (text ? detectLanguage({ text }) : null) ||
        languageForCountry({ country: subject.country });
    }
    return lang;
  };
  const out: RuleOutcome = { matchedRuleIds: [], addTags: [], stage: null, ownerId: null };
  const ordered = [...rules].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  for (const rule of ordered) {
    if (!rule.enabled) continue;
    if (!rule.conditions.every((c) => conditionHolds(c, subject, language))) continue;
    out.matchedRuleIds.push(rule.id);
    for (const action of rule.actions) {
      if (action.type === "add_tags") {
        for (const tag of action.tags) if (!out.addTags.includes(tag)) out.addTags.push(tag);
      } else if (action.type === "set_stage") out.stage ??= action.stage;
      else out.ownerId ??= action.userId;
    }
  }
  return out;
}
