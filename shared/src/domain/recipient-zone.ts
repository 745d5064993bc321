import { isValidTimeZone } from "../schemas/common";

// One representative zone per country, for contacts without a zone of their own (marked as a guess).
const countryZones: Record<string, string> = {
  US: "America/New_York",
  CA: "America/Toronto",
  MX: "America/Mexico_City",
  BR: "America/Sao_Paulo",
  AR: "America/Argentina/Buenos_Aires",
  CL: "America/Santiago",
  CO: "America/Bogota",
  PE: "America/Lima",
  GB: "Europe/London",
  IE: "Europe/Dublin",
  DE: "Europe/Berlin",
  FR: "Europe/Paris",
  ES: "Europe/Madrid",
  IT: "Europe/Rome",
  NL: "Europe/Amsterdam",
  BE: "Europe/Brussels",
  CH: "Europe/Zurich",
  AT: "Europe/Vienna",
  PL: "Europe/Warsaw",
  CZ: "Europe/Prague",
  SE: "Europe/Stockholm",
  NO: "Europe/Oslo",
  DK: "Europe/Copenhagen",
  FI: "Europe/Helsinki",
  PT: "Europe/Lisbon",
  GR: "Europe/Athens",
  TR: "Europe/Istanbul",
  RU: "Europe/Moscow",
  UA: "Europe/Kyiv",
  RO: "Europe/Bucharest",
  HU: "Europe/Budapest",
  IL: "Asia/Jerusalem",
  SA: "Asia/Riyadh",
  AE: "Asia/Dubai",
  QA: "Asia/Qatar",
  KW: "Asia/Kuwait",
  BH: "Asia/Bahrain",
  OM: "Asia/Muscat",
  EG: "Africa/Cairo",
  ZA: "Africa/Johannesburg",
  NG: "Africa/Lagos",
  KE: "Africa/Nairobi",
  MA: "Africa/Casablanca",
  IN: "Asia/Kolkata",
  PK: "Asia/Karachi",
  BD: "Asia/Dhaka",
  CN: "Asia/Shanghai",
  HK: "Asia/Hong_Kong",
  TW: "Asia/Taipei",
  JP: "Asia/Tokyo",
  KR: "Asia/Seoul",
  SG: "Asia/Singapore",
  MY: "Asia/Kuala_Lumpur",
  TH: "Asia/Bangkok",
  VN: "Asia/Ho_Chi_Minh",
  ID: "Asia/Jakarta",
  PH: "Asia/Manila",
  AU: "Australia/Sydney",
  NZ: "Pacific/Auckland",
};

/**
 * The zone a recipient's send window is evaluated in: the contact's own zone, else a guess from the
 * country (guessed: true), else the sequence's zone (guessed: true).
 */
export function recipientZone(input: {
  contactZone: string | null | undefined;
  country: string | null | undefined;
  fallbackZone: string;
}): { zone: string; guessed: boolean } {
  if (input.contactZone && isValidTimeZone(input.contactZone)) return { zone: input.contactZone, guessed: false };
  const byCountry = input.country ? countryZones[input.country.toUpperCase()] : undefined;
  if (byCountry) return { zone: byCountry, guessed: true };
  return { zone: isValidTimeZone(input.fallbackZone) ? input.fallbackZone : "UTC", guessed: true };
}
