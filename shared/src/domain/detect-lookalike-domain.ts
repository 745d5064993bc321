// punycode.js (RFC 3492, browser-safe). The subpath import avoids Node's deprecated built-in `punycode`.
import punycode from "punycode/punycode.js";
import { freeMailDomains } from "./free-mail-domains";

export interface LookalikeWarning {
  /** The known domain the sender's domain imitates. */
  of: string;
  /** Why, for a person: "rn looks like m", "other TLD: .co instead of .com", … */
  reasons: string[];
}

// Second-level labels under country TLDs that act as a suffix (acme.com.cn, acme.co.uk). A small stand-in for
// the Public Suffix List, which is too large to ship to the sidebar for this one warning.
const SECOND_LEVEL = new Set(["co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go", "gob", "mil", "ltd", "plc"]);

// Cyrillic and Greek letters that render like Latin ones (Unicode confusables, the lower-case subset that
// matters in host names). Accents are removed separately by NFKD.
// Pairs read column by column: CONFUSABLE_FROM[i] is shown like CONFUSABLE_TO[i].
const CONFUSABLE_FROM = "авԁеёһіїјкӏмпорԛѕтѵԝхуүзьαβεηικνορτυχγωıȷɡɑʟ";
const CONFUSABLE_TO = "abdeehiijklmnopqstvwxyy3babenikvoptuxywijgal";
const CONFUSABLES = new Map([...CONFUSABLE_FROM].map((ch, i) => [ch, CONFUSABLE_TO[i]!]));

// Sequences and digits that read as a letter in a mail client's font. Applied to both names before comparing;
// "i" and "l" fold together because "1", "l" and "I" are often indistinguishable.
const VISUAL: readonly (readonly [string, string])[] = [
  ["rn", "m"],
  ["vv", "w"],
  ["cl", "d"],
  ["0", "o"],
  ["1", "l"],
  ["i", "l"],
  ["3", "e"],
  ["4", "a"],
  ["5", "s"],
  ["7", "t"],
  ["8", "b"],
  ["9", "g"],
];

interface ParsedDomain {
  /** Lower-case ASCII (punycode) form, for equality and subdomain checks. */
  ascii: string;
  /** What a person sees: punycode decoded, lower case. */
  unicode: string;
  /** `unicode` with accents stripped and Cyrillic/Greek look-alikes folded to Latin. */
  skeleton: string;
  /** Registrable name of the skeleton (acme in mail.acme.com.cn) and its suffix (com.cn). */
  name: string;
  suffix: string;
}

function toUnicode(ascii: string): string {
  try {
    return punycode.toUnicode(ascii);
  } catch {
    return ascii; // malformed xn-- label: compare it as written
  }
}

function parseDomain(raw: string): ParsedDomain | null {
  const trimmed = raw.trim().toLowerCase().normalize("NFKC");
  const host = trimmed.slice(trimmed.lastIndexOf("@") + 1).replace(/\.$/, "");
  if (host === "" || /[\s/\\:]/.test(host) || host.split(".").some((label) => label === "")) return null;
  let ascii: string;
  try {
    ascii = punycode.toASCII(host);
  } catch {
    return null;
  }
  const unicode = toUnicode(ascii);
  const skeleton = [...unicode.normalize("NFKD").replace(/\p{M}/gu, "")].map((ch) => CONFUSABLES.get(ch) ?? ch).join("");
  const labels = skeleton.split(".");
  const last = labels[labels.length - 1]!;
  const suffixLength = labels.length >= 3 && last.length === 2 && SECOND_LEVEL.has(labels[labels.length - 2]!) ? 2 : 1;
  const suffix = labels.slice(-suffixLength).join(".");
  const name = labels.length > suffixLength ? labels[labels.length - suffixLength - 1]! : "";
  return { ascii, unicode, skeleton, name, suffix };
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** How far apart two names may be and still look alike: none for very short names, 1 up to 7 letters, else 2. */
function maxDistance(length: number): number {
  return length <= 3 ? 0 : length <= 7 ? 1 : 2;
}

function visualSkeleton(name: string): string {
  return VISUAL.reduce((text, [from, to]) => text.split(from).join(to), name);
}

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

function describeEdit(sender: string, known: string, distance: number): string {
  if (distance > 1) return `${distance} letters differ`;
  if (sender.length > known.length) return "letter added";
  if (sender.length < known.length) return "letter removed";
  const i = [...sender].findIndex((ch, index) => ch !== known[index]);
  if (sender[i] === known[i + 1] && sender[i + 1] === known[i]) return "letters swapped";
  return `"${sender[i]}" instead of "${known[i]}"`;
}

function describeVisual(sender: string, known: string): string[] {
  const reasons: string[] = [];
  for (const [from, to] of VISUAL) {
    const extra = count(sender, from) - count(known, from);
    if (extra > 0 && count(known, to) > count(sender, to)) reasons.push(`"${from}" looks like "${to}"`);
    if (extra < 0 && count(sender, to) > count(known, to)) reasons.push(`"${to}" looks like "${from}"`);
  }
  return reasons.length > 0 ? reasons : ["look-alike letters"];
}

/** Reasons the sender imitates one known domain, with a score (lower = closer), or null. */
function compare(sender: ParsedDomain, known: ParsedDomain): { reasons: string[]; score: number } | null {
  if (sender.name !== known.name && sender.skeleton.startsWith(`${known.skeleton}.`)) {
    return { reasons: [`starts with ${known.unicode} but belongs to another domain`], score: 0 };
  }
  const reasons: string[] = [];
  let score = 0;
  const homoglyph = sender.unicode !== sender.skeleton;
  if (sender.name !== known.name) {
    const distance = editDistance(sender.name, known.name);
    if (sender.name.replace(/-/g, "") === known.name.replace(/-/g, "")) {
      reasons.push(sender.name.length > known.name.length ? "hyphen added" : "hyphen removed");
      score = 0.5;
    } else if (visualSkeleton(sender.name) === visualSkeleton(known.name)) {
      reasons.push(...describeVisual(sender.name, known.name));
      score = 0.5;
    } else if (distance <= maxDistance(known.name.length)) {
      reasons.push(describeEdit(sender.name, known.name, distance));
      score = distance;
    } else {
      return null;
    }
  } else if (sender.suffix === known.suffix && !homoglyph) {
    return null; // same registrable domain, e.g. mail.acme.com and www.acme.com
  }
  if (homoglyph) {
    reasons.unshift(
      sender.ascii.includes("xn--")
        ? `punycode: ${sender.ascii} shows as ${sender.unicode}`
        : `non-Latin or accented letters: ${sender.unicode}`,
    );
  }
  if (sender.suffix !== known.suffix) {
    reasons.push(`other TLD: .${sender.suffix} instead of .${known.suffix}`);
    score += 0.25;
  }
  return { reasons, score };
}

/**
 * The card's fraud warning: a sender domain that is close to, but not the same as, a domain the workspace
 * already knows (acrne.com for acme.com, acme.co, аcme.com in Cyrillic…). Known domains, their subdomains and
 * free-mail providers never warn. Returns the closest known domain and the reasons, or null.
 */
export function detectLookalikeDomain({
  domain,
  knownDomains,
}: {
  domain: string;
  knownDomains: readonly string[];
}): LookalikeWarning | null {
  const sender = parseDomain(domain);
  if (!sender || freeMailDomains.has(sender.ascii)) return null;
  const known = knownDomains.map(parseDomain).filter((parsed): parsed is ParsedDomain => parsed !== null);
  if (known.some((k) => sender.ascii === k.ascii || sender.ascii.endsWith(`.${k.ascii}`))) return null;

  let best: (LookalikeWarning & { score: number }) | null = null;
  for (const k of known) {
    if (k.ascii.endsWith(`.${sender.ascii}`)) continue; // parent of a known subdomain
    const match = compare(sender, k);
    if (match && (!best || match.score < best.score)) best = { of: k.unicode, ...match };
  }
  return best ? { of: best.of, reasons: best.reasons } : null;
}
