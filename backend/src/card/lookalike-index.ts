import { domainToUnicode } from "node:url";

// Characters that render alike in common mail fonts, folded onto one representative. The detector
// (shared/src/domain/detect-lookalike-domain.ts) makes the real decision; this only finds candidates quickly.
const foldPairs: [RegExp, string][] = [
  [/rn/g, "m"],
  [/vv/g, "w"],
  [/cl/g, "d"],
  [/[0оοо]/g, "o"],
  [/[1iіıl|ӏ]/g, "l"],
  [/[3еε]/g, "e"],
  [/[4аα]/g, "a"],
  [/[5ѕ$]/g, "s"],
  [/[7]/g, "t"],
  [/[8]/g, "b"],
  [/[рρ]/g, "p"],
  [/[сϲ]/g, "c"],
  [/[хχ]/g, "x"],
  [/[уγ]/g, "y"],
  [/[кκ]/g, "k"],
  [/[нη]/g, "n"],
  [/[-_]/g, ""],
];

// Second-level labels under a country TLD that are not the name (acme.co.uk, rio.com.br).
const secondLevel = new Set(["co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go", "gob", "ltd", "plc", "biz"]);

/** The name part of a domain, folded: "mail.Shenzhen-Brlght.com.cn" → "shenzhenbrlght" → "shenzhenbrlght". */
export function domainSkeleton(domain: string): string {
  const unicode = (domain.includes("xn--") ? domainToUnicode(domain) || domain : domain).normalize("NFKC").toLowerCase();
  const labels = unicode.split(".").filter(Boolean);
  labels.pop();
  if (labels.length >= 2 && secondLevel.has(labels[labels.length - 1]!)) labels.pop();
  let name = labels[labels.length - 1] ?? unicode;
  for (const [re, to] of foldPairs) name = name.replace(re, to);
  return name;
}

/** The skeleton and every one-character deletion of it: two domains sharing a key are within one edit. */
function keysOf(domain: string): string[] {
  const s = domainSkeleton(domain);
  const keys = new Set([s]);
  if (s.length >= 4) for (let i = 0; i < s.length; i++) keys.add(s.slice(0, i) + s.slice(i + 1));
  return [...keys];
}

/**
 * In-memory candidate index over a workspace's known domains (symmetric-delete, edit distance 1 on folded
 * names): O(name length) lookups instead of comparing a sender with every known domain.
 */
export class LookalikeIndex {
  private readonly byKey = new Map<string, string | string[]>();
  private readonly known = new Set<string>();

  constructor(domains: Iterable<string> = []) {
    for (const d of domains) this.add(d);
  }

  get size() {
    return this.known.size;
  }

  has(domain: string) {
    return this.known.has(domain);
  }

  add(domain: string): void {
    if (this.known.has(domain)) return;
    this.known.add(domain);
    for (const k of keysOf(domain)) {
      const cur = this.byKey.get(k);
      if (cur === undefined) this.byKey.set(k, domain);
      else if (typeof cur === "string") this.byKey.set(k, [cur, domain]);
      else cur.push(domain);
    }
  }

  /** Known domains that may look like `domain` (never `domain` itself). */
  candidates(domain: string): string[] {
    const out = new Set<string>();
    for (const k of keysOf(domain)) {
      const hit = this.byKey.get(k);
      if (hit === undefined) continue;
      if (typeof hit === "string") out.add(hit);
      else for (const d of hit) out.add(d);
    }
    out.delete(domain);
    return [...out];
  }
}
