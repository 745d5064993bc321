import { describe, expect, test } from "vitest";
import { detectLanguage } from "./detect-language";

describe("detectLanguage", () => {
  test.each([
    ["Chinese, two characters", "询价", "zh"],
    ["Chinese sentence", "您好，我们想询价贵公司的产品，请报价。", "zh"],
    ["Japanese (kana decides over kanji)", "お見積もりをお願いします。", "ja"],
    ["Korean", "견적을 요청합니다", "ko"],
    ["Arabic", "نرغب في الحصول على عرض سعر للمنتجات", "ar"],
    ["English", "We would like to receive a quotation for 500 units of your pumps.", "en"],
    ["German", "Wir möchten ein Angebot für 500 Stück Ihrer Pumpen erhalten, bitte.", "de"],
    ["Spanish", "Nos gustaría recibir una cotización para quinientas unidades de sus bombas.", "es"],
    ["Russian", "Мы хотели бы получить коммерческое предложение на ваши насосы.", "ru"],
    ["too short to say", "Hi", null],
    ["empty", "", null],
  ])("%s", (_name, text, expected) => {
    expect(detectLanguage({ text })).toBe(expected);
  });
});
