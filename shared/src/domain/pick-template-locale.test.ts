import { expect, test } from "vitest";
import { pickTemplateLocale } from "./pick-template-locale";

test.each([
  ["contact language available", "es", "MX", "en", ["es", "zh"], "es", "contact"],
  ["regional contact tag", "pt-BR", null, "en", ["pt"], "pt", "contact"],
  ["regional version tag", "zh", null, "en", ["zh-CN"], "zh", "contact"],
  ["contact language is the default", "en", "CN", "en", ["zh"], "en", "contact"],
  ["no contact language: country guess", null, "CN", "en", ["zh", "es"], "zh", "country"],
  ["country guess, lower-case country", null, "br", "en", ["pt"], "pt", "country"],
  ["contact language missing, country has one", "ko", "CN", "en", ["zh"], "zh", "country"],
  ["nothing matches: default", "ja", "JP", "en", ["zh"], "en", "default"],
  ["no contact data: default", null, null, "de", ["en"], "de", "default"],
  ["unknown country: default", null, "CH", "en", ["de", "fr"], "en", "default"],
  ["empty string language counts as unset", "", "DE", "en", ["de"], "de", "country"],
])("%s", (_n, contactLanguage, contactCountry, defaultLanguage, available, language, reason) => {
  expect(pickTemplateLocale({ contactLanguage, contactCountry, defaultLanguage, available })).toEqual({ language, reason });
});
