import { languageForCountry } from "./language-for-country";

export interface PickedLocale {
  language: string;
  /** Why: the contact's own language, a guess from their country, or the template's default. */
  reason: "contact" | "country" | "default";
}

const primary = (tag: string | null | undefined) => (tag ? (tag.trim().toLowerCase().split(/[-_]/)[0] ?? "") : "");

/**
 * Which version of a template a contact gets: their language if the template has it, else the language
 * guessed from their country if the template has that, else the template's default language.
 * (A contact whose own language has no version still gets their country's language before the default.)
 * Regional tags compare by primary language ("pt-BR" picks "pt").
 */
export function pickTemplateLocale({
  contactLanguage,
  contactCountry,
  defaultLanguage,
  available,
}: {
  contactLanguage: string | null | undefined;
  contactCountry: string | null | undefined;
  defaultLanguage: string;
  /** Languages of the template's extra versions (template_locales). */
  available: readonly string[];
}): PickedLocale {
  const have = new Set([primary(defaultLanguage), ...available.map(primary)]);
  const own = primary(contactLanguage);
  if (own && have.has(own)) return { language: own, reason: "contact" };
  const guess = primary(languageForCountry({ country: contactCountry }));
  if (guess && have.has(guess)) return { language: guess, reason: "country" };
  return { language: primary(defaultLanguage), reason: "default" };
}
