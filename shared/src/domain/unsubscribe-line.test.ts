import { expect, test } from "vitest";
import { unsubscribeLine } from "./unsubscribe-line";

test.each([
  ["de", "hier abmelden"],
  ["ZH", "点此退订"],
  ["en", "unsubscribe here"],
  ["xx", "unsubscribe here"],
  [null, "unsubscribe here"],
])("unsubscribeLine(%s)", (lang, link) => expect(unsubscribeLine(lang).link).toBe(link));
