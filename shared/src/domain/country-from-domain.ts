// Country-code TLDs that are mostly used as generic names (.io, .co, .ai, .me …) and so say nothing about where
// the sender is. Kept as data.
const genericUse: ReadonlySet<string> = new Set([
  "ai",
  "app",
  "as",
  "cc",
  "co",
  "fm",
  "gg",
  "io",
  "is",
  "it",
  "la",
  "ly",
  "me",
  "ms",
  "nu",
  "sh",
  "so",
  "st",
  "to",
  "tv",
  "vc",
  "ws",
]);

// TLDs whose country code differs from ISO 3166-1.
const tldToIso: Readonly<Record<string, string>> = { uk: "GB", su: "RU", ac: "GB" };

/**
 * The country an address's country-code TLD points to ("shenzhen-bright.cn" → "CN", "x.co.uk" → "GB"); null for
 * generic TLDs (.com, .org) and ccTLDs widely used as brand names. A guess, for a sender the workspace does not know.
 */
export function countryFromDomain(domain: string): string | null {
  const tld = domain.toLowerCase().split(".").pop() ?? "";
  if (!/^[a-z]{2}$/.test(tld) || genericUse.has(tld)) return null;
  return tldToIso[tld] ?? tld.toUpperCase();
}
