// Weekly rest days by country (ISO weekdays, 1 = Monday … 7 = Sunday). Not every country rests on Saturday–Sunday.
const fridaySaturday = ["SA", "BH", "KW", "OM", "QA", "EG", "IQ", "JO", "SY", "YE", "DZ", "LY", "SD", "IL", "BD", "MV"];
const special: Record<string, number[]> = {
  IR: [5], // Friday
  AF: [4, 5], // Thursday–Friday
  NP: [6], // Saturday
};

/** The rest days of a country (ISO 3166-1 alpha-2); Saturday–Sunday when unknown or null. */
export function weekendDays(country: string | null | undefined): number[] {
  const c = (country ?? "").toUpperCase();
  if (special[c]) return special[c];
  if (fridaySaturday.includes(c)) return [5, 6];
  return [6, 7];
}
