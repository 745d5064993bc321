import { expect, test } from "vitest";
import { stripQuotedReply } from "./strip-quoted-reply";

test.each([
  ["> lines", "Sounds good.\n\n> unsubscribe here", "Sounds good."],
  ["gmail en", "Yes.\n\nOn Wed, Mar 5, 2025 at 9:00 AM Anna <a@x.com> wrote:\nremove me", "Yes."],
  [
    "gmail wrapped attribution",
    "Yes.\n\nOn Wed, Mar 5, 2025 at 9:00 AM Anna Schmidt\n<anna@threadline-demo.com> wrote:\nremove me",
    "Yes.",
  ],
  ["outlook rule + From/Sent", "Ok.\n________________________________\nFrom: Anna\nSent: Monday\nunsubscribe", "Ok."],
  ["outlook without rule", "Ok.\n\nFrom: Anna Schmidt <a@x.com>\nSent: Monday, 3 March 2025 09:00\nTo: Emma\nunsubscribe", "Ok."],
  ["de Von/Gesendet", "Gerne.\n\nVon: Anna\nGesendet: Montag\nabmelden", "Gerne."],
  ["de Am … schrieb", "Gerne.\n\nAm Mo., 3. März 2025 um 09:00 Uhr schrieb Anna <a@x.com>:\nabmelden", "Gerne."],
  ["fr", "Oui.\n\nLe lun. 3 mars 2025 à 09:00, Anna <a@x.com> a écrit :\ndésinscrire", "Oui."],
  ["es", "Sí.\n\nEl lun, 3 mar 2025 a las 9:00, Anna (<a@x.com>) escribió:\nbaja", "Sí."],
  ["zh", "好的。\n\n在 2025年3月3日 09:00，Anna <a@x.com> 写道：\n退订", "好的。"],
  ["original message", "Fine.\n-----Original Message-----\nunsubscribe", "Fine."],
  ["ursprüngliche nachricht", "Gut.\n----- Ursprüngliche Nachricht -----\nabmelden", "Gut."],
  ["a From: line in the text alone is kept", "From: the sales team\nwe like it", "From: the sales team\nwe like it"],
])("%s", (_name, text, expected) => {
  expect(stripQuotedReply(text)).toBe(expected);
});
