import { describe, expect, test } from "vitest";
import { checkPassword } from "./check-password";

describe("checkPassword", () => {
  test.each([
    ["short", "Tr0ub4dor", undefined, "at least 10"],
    ["the word password", "MyPassword2024!", undefined, "'password'"],
    ["German Passwort", "meinPasswort99", undefined, "'passwort'"],
    ["a keyboard run", "qwertyuiop12", undefined, "'qwerty'"],
    ["digits run", "abc1234567xyz", undefined, "'123456'"],
    ["one character repeated", "zzzzzzzzzzzz", undefined, "repeated"],
    ["equal to the email", "li.wei@example.cn", "li.wei@example.cn", "email"],
    ["the email in another case", "LI.WEI@EXAMPLE.CN", "li.wei@example.cn", "email"],
    ["the email with a suffix", "li.wei@example.cn1", "li.wei@example.cn", "email"],
    ["the local part alone", "hannah.schmidt", "hannah.schmidt@rhein.de", "email"],
    ["too long", "x".repeat(60) + "y".repeat(69), undefined, "at most 128"],
  ])("refuses %s", (_name, password, email, message) => {
    expect(checkPassword({ password, email })).toContain(message);
  });

  test.each([
    ["a passphrase", "correct horse battery staple", "li.wei@example.cn"],
    ["exactly 10 characters", "k7#Lm2&qWz", undefined],
    ["contains a short local part", "ann-river-boat-9", "ann@example.com"],
    ["unicode", "长城在北京很长很长的路", undefined],
  ])("accepts %s", (_name, password, email) => {
    expect(checkPassword({ password, email })).toBeNull();
  });
});
