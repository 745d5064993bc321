import { DateTime, Info } from "luxon";

// Languages whose month and weekday names we recognise in out-of-office text.
const LOCALES = ["en", "de", "fr", "es", "pt", "it", "nl", "ru"] as const;

const normalise = (s: string) => s.toLowerCase().replace(/\.$/, "");
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Month name (any locale, long or short, standalone or genitive) → 1-12. */
const monthByName = new Map<string, number>();
/** Weekday name (any locale, long) → 1 (Monday) … 7 (Sunday). */
const weekdayByName = new Map<string, number>();
for (const locale of LOCALES) {
  for (const list of [
    Info.months("long", { locale }),
    Info.monthsFormat("long", { locale }),
    Info.months("short", { locale }),
    Info.monthsFormat("short", { locale }),
  ]) {
    list.forEach((name, i) => {
      const key = normalise(name);
      if (key.length >= 3 && !monthByName.has(key)) monthByName.set(key, i + 1);
    });
  }
  Info.weekdays("long", { locale }).forEach((name, i) => weekdayByName.set(normalise(name), i + 1));
}
// Common abbreviations that Intl does not produce ("Sept", "Mrz", "Okt" …).
for (const [k, v] of [
  ["sept", 9],
  ["mrz", 3],
  ["okt", 10],
  ["dez", 12],
  ["mei", 5],
  ["mrt", 3],
] as const)
  if (!monthByName.has(k)) monthByName.set(k, v);

// Longest names first, so "juni" is not matched as "jun" + "i".
const monthAlt = [...monthByName.keys()]
  .sort((a, b) => b.length - a.length)
  .map(escapeRe)
  .join("|");
const weekdayAlt = [...weekdayByName.keys()]
  .sort((a, b) => b.length - a.length)
  .map(escapeRe)
  .join("|");

// \b does not know Cyrillic or accented letters: use explicit letter look-arounds instead.
const L = "\\p{L}";
const patterns: { re: RegExp; pick: (m: RegExpExecArray) => { d: number; m: number; y?: number } | null }[] = [
  // 2025-03-10
  {
    re: /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/gu,
    pick: (m) => ({ y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) }),
  },
  // 2025年3月10日 / 3月10日 / 3月10号
  {
    re: /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]/gu,
    pick: (m) => ({ y: m[1] ? Number(m[1]) : undefined, m: Number(m[2]), d: Number(m[3]) }),
  },
  // 10 March 2025 · 10. März · 10 de marzo de 2025 · 10 марта
  {
    re: new RegExp(
      `(?<!\\d)(\\d{1,2})(?:st|nd|rd|th|er|º|°)?\\.?\\s*(?:de\\s+)?(${monthAlt})\\.?(?!${L})(?:,?\\s*(?:de\\s+)?(\\d{4}))?`,
      "giu",
    ),
    pick: (m) => {
      const month = monthByName.get(normalise(m[2]!));
      return month ? { d: Number(m[1]), m: month, y: m[3] ? Number(m[3]) : undefined } : null;
    },
  },
  // March 10 · March 10th, 2025
  {
    re: new RegExp(`(?<!${L})(${monthAlt})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s*(\\d{4}))?`, "giu"),
    pick: (m) => {
      const month = monthByName.get(normalise(m[1]!));
      return month ? { d: Number(m[2]), m: month, y: m[3] ? Number(m[3]) : undefined } : null;
    },
  },
];

// Numeric day/month: 10.03.2025, 10/03, 03/10/2025, 10-03-2025 (a dash only with a year, to spare phone numbers).
const numericRe =
  /(?<![\d.:/-])(\d{1,2})([./])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\d:])|(?<![\d-])(\d{1,2})-(\d{1,2})-(\d{4})(?!\d)/gu;
const weekdayRe = new RegExp(`(?<!${L})(${weekdayAlt})(?!${L})`, "giu");

export interface ParseReturnDateInput {
  /** Out-of-office text (subject and body, quoted history already removed). */
  text: string;
  /** When the auto-reply was sent (ISO 8601); dates without a year are read relative to it. */
  sentAt: string;
  /** IANA zone to read the sent time in; defaults to UTC. */
  zone?: string;
}

export interface ReturnDate {
  /** ISO date (yyyy-MM-dd) the sender says they are back / away until. */
  date: string;
  /** The text that gave it. */
  match: string;
}

/**
 * Finds the return date in out-of-office text in several languages and formats. Every date between the
 * sent day and a year later is a candidate (a date without a year is the next such day); the latest one
 * wins, since "away from 3 March until 10 March" names the return last. Weekdays ("back on Monday") are
 * only used when no calendar date is given. Null when nothing plausible is found.
 */
export function parseReturnDate({ text, sentAt, zone = "UTC" }: ParseReturnDateInput): ReturnDate | null {
  const sent = DateTime.fromISO(sentAt, { zone });
  if (!sent.isValid) return null;
  const today = sent.startOf("day");
  const horizon = today.plus({ days: 366 });
  let best: { dt: DateTime; match: string } | null = null;

  /** Keeps the date if it is plausible; says whether it was. */
  const consider = (d: number, m: number, y: number | undefined, match: string): boolean => {
    let dt = DateTime.fromObject({ year: y === undefined ? today.year : y < 100 ? 2000 + y : y, month: m, day: d }, { zone });
    if (!dt.isValid) return false;
    // A date without a year that lies well behind the sent day means next year ("back 6 January" in
    // December); a recent one is a start date already passed ("since 1 March"), not a return date.
    if (y === undefined && dt < today && today.diff(dt, "days").days > 60) dt = dt.plus({ years: 1 });
    if (dt < today || dt > horizon) return false;
    if (!best || dt > best.dt) best = { dt, match };
    return true;
  };

  for (const { re, pick } of patterns) {
    for (const m of text.matchAll(re)) {
      const p = pick(m as RegExpExecArray);
      if (p) consider(p.d, p.m, p.y, m[0].trim());
    }
  }
  for (const m of text.matchAll(numericRe)) {
    if (m[5]) {
      consider(Number(m[5]), Number(m[6]), Number(m[7]), m[0]);
      continue;
    }
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = m[4] ? Number(m[4]) : undefined;
    // Day-first is the reading almost everywhere; month-first (US 3/10/2025) only with slashes and only
    // when day-first gives no plausible date. "10.30" is a time of day, never 30 October.
    if (!consider(a, b, y, m[0]) && m[2] === "/") consider(b, a, y, m[0]);
  }
  if (best) {
    const found = best as { dt: DateTime; match: string };
    return { date: found.dt.toISODate()!, match: found.match };
  }

  for (const m of text.matchAll(weekdayRe)) {
    const wd = weekdayByName.get(normalise(m[1]!));
    if (!wd) continue;
    const ahead = (wd - today.weekday + 7) % 7 || 7;
    const dt = today.plus({ days: ahead });
    if (!best || dt > (best as { dt: DateTime }).dt) best = { dt, match: m[0] };
  }
  if (best) {
    const found = best as { dt: DateTime; match: string };
    return { date: found.dt.toISODate()!, match: found.match };
  }
  return null;
}
