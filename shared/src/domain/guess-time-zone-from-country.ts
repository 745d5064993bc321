// Countries spanning several zones: the zone where most of the business population lives.
const mainZone: Record<string, string> = {
  US: "America/New_York",
  CA: "America/Toronto",
  BR: "America/Sao_Paulo",
  MX: "America/Mexico_City",
  AR: "America/Argentina/Buenos_Aires",
  CL: "America/Santiago",
  RU: "Europe/Moscow",
  AU: "Australia/Sydney",
  NZ: "Pacific/Auckland",
  CN: "Asia/Shanghai",
  ID: "Asia/Jakarta",
  KZ: "Asia/Almaty",
  ES: "Europe/Madrid",
  PT: "Europe/Lisbon",
  DE: "Europe/Berlin",
  GB: "Europe/London",
  EC: "America/Guayaquil",
  CD: "Africa/Kinshasa",
  MN: "Asia/Ulaanbaatar",
  MY: "Asia/Kuala_Lumpur",
  UA: "Europe/Kyiv",
};

/**
 * A best guess of a contact's IANA zone from an ISO country code (callers mark it as a guess):
 * the country's main business zone, or its only zone per the runtime's time-zone data; null if unknown.
 */
export function guessTimeZoneFromCountry(country: string | null | undefined): string | null {
  if (!country || !/^[A-Za-z]{2}$/.test(country)) return null;
  const code = country.toUpperCase();
  if (mainZone[code]) return mainZone[code];
  try {
    const locale = new Intl.Locale(`und-${code}`) as Intl.Locale & { timeZones?: string[]; getTimeZones?: () => string[] };
    const zones = locale.getTimeZones?.() ?? locale.timeZones ?? [];
    return zones[0] ?? null;
  } catch {
    return null;
  }
}
