import { expect, test } from "vitest";
import { parseReturnDate } from "./parse-return-date";

const sentAt = "2025-03-04T09:00:00Z"; // a Tuesday

test.each([
  ["en long", "I'm out of the office until Monday, March 10.", "2025-03-10"],
  ["en ordinal + year", "Back on March 17th, 2025.", "2025-03-17"],
  ["en day-month", "I will return on 11 March 2025.", "2025-03-11"],
  ["en US numeric (day-first impossible)", "out through 3/17/2025", "2025-03-17"],
  ["ISO", "Returning 2025-03-20.", "2025-03-20"],
  ["de numeric", "Ich bin bis zum 14.03.2025 nicht im Büro.", "2025-03-14"],
  ["de month name", "Ab dem 18. März bin ich wieder erreichbar.", "2025-03-18"],
  ["de short year", "Zurück am 12.03.25", "2025-03-12"],
  ["fr", "Je suis absente jusqu'au 12 mars inclus.", "2025-03-12"],
  ["fr 1er", "De retour le 1er avril.", "2025-04-01"],
  ["es", "Estoy fuera hasta el 17 de marzo de 2025.", "2025-03-17"],
  ["pt", "Retorno em 24 de março.", "2025-03-24"],
  ["it", "Rientrerò l'8 aprile.", "2025-04-08"],
  ["nl", "Ik ben afwezig tot en met 10 maart.", "2025-03-10"],
  ["nl dashes", "afwezig tot 10-03-2025", "2025-03-10"],
  ["zh", "我将于2025年3月12日返回。", "2025-03-12"],
  ["zh no year", "3月15号回来", "2025-03-15"],
  ["ja", "3月18日まで不在にしております。", "2025-03-18"],
  ["ru", "Я в отпуске до 15 марта.", "2025-03-15"],
  ["range: the end wins", "Away from 5 March until 14 March.", "2025-03-14"],
  ["past start ignored", "Since 1 March I'm on leave until 9 March.", "2025-03-09"],
  ["weekday only", "Back on Monday.", "2025-03-10"],
  ["same weekday means next week", "back Tuesday", "2025-03-11"],
  ["a time is not a date", "Call me after 10.30 tomorrow", null],
  ["phone numbers are not dates", "Call +49 711 1234-56", null],
  ["nothing", "I am out of the office.", null],
  ["date in the past only", "I was away on 1 February.", null],
])("%s", (_name, text, expected) => {
  expect(parseReturnDate({ text, sentAt })?.date ?? null).toBe(expected);
});

test("a date without a year after the sent day rolls into next year", () => {
  expect(parseReturnDate({ text: "back on January 6th", sentAt: "2024-12-20T14:00:00Z" })?.date).toBe("2025-01-06");
});

test("the sent time is read in the given zone", () => {
  // 23:30 UTC on 9 March is already 10 March in Shanghai: "until 9 March" is then in the past.
  expect(parseReturnDate({ text: "until 9 March", sentAt: "2025-03-09T23:30:00Z", zone: "Asia/Shanghai" })).toBeNull();
  expect(parseReturnDate({ text: "until 9 March", sentAt: "2025-03-09T23:30:00Z" })?.date).toBe("2025-03-09");
});

test("an unreadable sent time gives no date", () => {
  expect(parseReturnDate({ text: "until 9 March", sentAt: "not a date" })).toBeNull();
});
