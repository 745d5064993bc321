// "Germany", "德国", "Deutschland", "UK", "de" → ISO 3166-1 alpha-2, using the runtime's CLDR names.
let names: Map<string, string> | undefined;
const codes = new Set<string>();
// Withdrawn codes (East Germany, USSR …), private-use and grouping codes that CLDR still names.
const notCountries = /^(AA|DD|FX|BU|CS|NT|SU|TP|YU|ZR|AN|EU|EZ|UN|QO|Q[M-Z]|X[A-Z]|ZZ)$/;

const extra: Record<string, string> = {
  uk: "GB",
  england: "GB",
  usa: "US",
  america: "US",
  unitedstatesofamerica: "US",
  uae: "AE",
  prc: "CN",
  mainlandchina: "CN",
  中国大陆: "CN",
  南韩: "KR",
  korea: "KR",
  russia: "RU",
  holland: "NL",
  turkey: "TR",
  vietnam: "VN",
};

const key = (s: string) => s.toLowerCase().replace(/[\s.\-'’,()]+/g, "");

function buildNames(): Map<string, string> {
  const map = new Map<string, string>();
  const locales = ["en", "zh-Hans", "zh-Hant", "es", "de", "fr", "pt", "it", "nl", "ru", "ja", "ar"];
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (const locale of locales) {
    const dn = new Intl.DisplayNames([locale], { type: "region", fallback: "none" });
    for (const a of letters)
      for (const b of letters) {
        const code = a + b;
        if (notCountries.test(code)) continue;
        const name = dn.of(code);
        if (name) codes.add(code);
        if (name && !map.has(key(name))) map.set(key(name), code);
      }
  }
  for (const [k, v] of Object.entries(extra)) map.set(key(k), v);
  return map;
}

/** The two-letter code for a country name or code; null when it is not recognised. */
export function countryCodeFromName({ value }: { value: string }): string | null {
  const v = value.trim();
  if (!v) return null;
  names ??= buildNames();
  const alias = extra[key(v)];
  if (alias) return alias;
  if (/^[A-Za-z]{2}$/.test(v)) return codes.has(v.toUpperCase()) ? v.toUpperCase() : null;
  return names.get(key(v)) ?? null;
}
