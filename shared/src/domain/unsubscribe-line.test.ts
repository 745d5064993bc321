import { expect, test } from "vitest";
import { unsubscribeLanguages, unsubscribeLine } from "./unsubscribe-line";

test("covers the eleven launch languages", () => {
  expect([...unsubscribeLanguages].sort()).toEqual(["ar", "de", "en", "es", "fr", "it", "ja", "nl", "pt", "ru", "zh"]);
});

test.each([
  ["de", "hier abmelden"],
  ["ZH", "点此退订"],
  ["zh-TW", "点此退订"],
  ["en", "unsubscribe here"],
  ["es", "darse de baja aquí"],
  ["fr", "désabonnez-vous ici"],
  ["pt_BR", "cancele aqui"],
  ["it", "annulli l'iscrizione qui"],
  ["nl", "Meld u hier af"],
  ["ja", "こちらから配信停止"],
  ["ru", "отпишитесь здесь"],
  ["ar", "يمكنك إلغاء الاشتراك هنا"],
  ["xx", "unsubscribe here"],
  ["", "unsubscribe here"],
  [null, "unsubscribe here"],
])("unsubscribeLine(%s)", (lang, link) => expect(unsubscribeLine(lang).link).toBe(link));
