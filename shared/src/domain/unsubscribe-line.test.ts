import { describe, expect, test } from "vitest";
import { unsubscribeLanguages, unsubscribeLine } from "./unsubscribe-line";

const url = "https://t.example/u/abc?x=1&y=2";

describe("unsubscribeLine", () => {
  test("covers the eleven launch languages", () => {
    expect([...unsubscribeLanguages].sort()).toEqual(["ar", "de", "en", "es", "fr", "it", "ja", "nl", "pt", "ru", "zh"]);
  });

  test.each([
    ["en", "en", "unsubscribe here"],
    ["zh", "zh", "点击此处退订"],
    ["zh-TW", "zh", "点击此处退订"],
    ["es", "es", "darse de baja"],
    ["de", "de", "abmelden"],
    ["fr", "fr", "désabonnez-vous"],
    ["pt-BR", "pt", "cancele a inscrição"],
    ["it", "it", "annulli l&#39;iscrizione"],
    ["nl", "nl", "Schrijf u hier uit"],
    ["ja", "ja", "配信停止"],
    ["ru", "ru", "отпишитесь"],
    ["ar", "ar", "إلغاء الاشتراك"],
    ["ko (no version: English)", "en", "unsubscribe here"],
    [null, "en", "unsubscribe here"],
  ])("%s → %s", (language, expected, phrase) => {
    const line = unsubscribeLine({ language: language?.split(" ")[0], url });
    expect(line.language).toBe(expected);
    expect(line.html).toContain(phrase);
    expect(line.html).toContain('href="https://t.example/u/abc?x=1&amp;y=2"');
    expect(line.text).toContain(url);
  });

  test("Arabic is marked right-to-left; a hostile URL cannot break out of the attribute", () => {
    expect(unsubscribeLine({ language: "ar", url }).html).toMatch(/^<p dir="rtl" lang="ar">/);
    const html = unsubscribeLine({ language: "en", url: 'https://x/"><script>alert(1)</script>' }).html;
    expect(html).not.toContain("<script>");
    expect(html).toContain("&quot;&gt;&lt;script&gt;");
  });
});
