import { franc } from "franc-min";

// franc answers ISO 639-3; the rest of Threadline speaks BCP 47 primary tags (ISO 639-1 where one exists).
const toPrimaryTag: Record<string, string> = {
  eng: "en",
  cmn: "zh",
  spa: "es",
  deu: "de",
  fra: "fr",
  por: "pt",
  ita: "it",
  nld: "nl",
  jpn: "ja",
  rus: "ru",
  arb: "ar",
  kor: "ko",
  tur: "tr",
  pol: "pl",
  vie: "vi",
  ind: "id",
  ukr: "uk",
  hin: "hi",
  tha: "th",
  ron: "ro",
  ces: "cs",
  hun: "hu",
  swe: "sv",
  bul: "bg",
  pes: "fa",
  urd: "ur",
  ben: "bn",
};
const candidates = Object.keys(toPrimaryTag);

/**
 * Cheap language guess for a short business email: the script decides where it can (Han without kana
 * is Chinese, kana is Japanese, Hangul Korean), franc's trigrams decide among Latin/Cyrillic languages.
 * null when the text is too short or too mixed to say.
 */
export function detectLanguage({ text, minLength = 20 }: { text: string; minLength?: number }): string | null {
  const sample = text.slice(0, 2000);
  if (/[\u3040-\u30ff]/.test(sample)) return "ja";
  if (/[\uac00-\ud7af]/.test(sample)) return "ko";
  if (/\p{Script=Han}/u.test(sample)) return "zh";
  if (/\p{Script=Arabic}/u.test(sample) && !/[\u067e\u0686\u06af\u06cc]/.test(sample)) return "ar";
  if (/\p{Script=Thai}/u.test(sample)) return "th";
  const code = franc(sample, { only: candidates, minLength });
  return toPrimaryTag[code] ?? null;
}
