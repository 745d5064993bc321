// Neutral words that read well in place of a missing template variable ("Hi there," rather than "Hi ,").
const FALLBACKS: Record<string, string> = {
  first_name: "there",
  full_name: "there",
  name: "there",
  last_name: "",
  company: "your team",
  "company.name": "your team",
  company_name: "your team",
  title: "your role",
  city: "your city",
  country: "your country",
};

/** The suggested fallback for a missing variable; unknown variables get a visible placeholder to edit. */
export function variableFallback(variable: string): string {
  const key = variable.trim().toLowerCase();
  const known = FALLBACKS[key];
  if (known !== undefined && known !== "") return known;
  return `[${variable.split(".").at(-1)?.replace(/_/g, " ") ?? variable}]`;
}
