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
  const unicode = (domain.includes("xn--") ? domainToUnicode(domain) || domain : domain)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase();
  const labels = unicode.split(".").filter(Boolean);
  labels.pop();
  if (labels.length >= 2 && secondLevel.has(labels[labels.length - 1]!)) labels.pop();
  let name = labels[labels.length - 1] ?? unicode;
  for (const [re, to] of foldPairs) name = name.replace(re, to);
  return name;
}

/** The skeleton and every string made from it by deleting up to `deletes` characters. */
function keysOf(domain: string, deletes: number): Set<string> {
  const keys = new Set([domainSkeleton(domain)]);
  let frontier = [...keys];
  for (let d = 0; d < deletes; d++) {
    const next: string[] = [];
    for (const s of frontier) {
      if (s.length < 4) continue;
      for (let i = 0; i < s.length; i++) {
        const k = s.slice(0, i) + s.slice(i + 1);
        if (!keys.has(k)) {
          keys.add(k);
          next.push(k);
        }
      }
    }
    frontier = next;
  }
  return keys;
}

// Up to this many domains the index also stores two-deletion keys, so two edits anywhere in a name are found;
// above it (memory: ~C(n,2) keys per domain) it stores one-deletion keys, and a query still generates two, which
// finds one edit plus any insertion into the sender's name.
const FULL_DISTANCE_TWO_UP_TO = 5000;

/**
 * In-memory candidate index over a workspace's known domains (symmetric delete on folded names): a few map
 * lookups instead of comparing a sender with every known domain. The detector decides on the candidates.
 */
export class LookalikeIndex {
  private readonly byKey = new Map<string, string | string[]>();
  private readonly known = new Set<string>();
  private readonly deletes: number;

  constructor(domains: readonly string[] = []) {
    this.deletes = domains.length <= FULL_DISTANCE_TWO_UP_TO ? 2 : 1;
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
    for (const k of keysOf(domain, this.deletes)) {
      const cur = this.byKey.get(k);
      if (cur === undefined) this.byKey.set(k, domain);
      else if (typeof cur === "string") this.byKey.set(k, [cur, domain]);
      else cur.push(domain);
    }
  }

  /** Known domains that may look like `domain` (never `domain` itself). */
  candidates(domain: string): string[] {
    const out = new Set<string>();
    for (const k of keysOf(domain, 2)) {
      const hit = this.byKey.get(k);
      if (hit === undefined) continue;
      if (typeof hit === "string") out.add(hit);
      else for (const d of hit) out.add(d);
    }
    // "acme.com.invoice-pay.net": a known domain at the start of another one.
    const labels = domain.split(".");
    for (let i = 2; i < labels.length; i++) {
      const prefix = labels.slice(0, i).join(".");
      if (this.known.has(prefix)) out.add(prefix);
    }
    out.delete(domain);
    return [...out];
  }
}
