import { expect, test } from "vitest";
import { recipientZone } from "./recipient-zone";

test.each([
  [
    { contactZone: "Asia/Riyadh", country: "DE", fallbackZone: "UTC" },
    { zone: "Asia/Riyadh", guessed: false },
  ],
  [
    { contactZone: null, country: "cn", fallbackZone: "UTC" },
    { zone: "Asia/Shanghai", guessed: true },
  ],
  [
    { contactZone: "Not/AZone", country: null, fallbackZone: "Europe/Berlin" },
    { zone: "Europe/Berlin", guessed: true },
  ],
  [
    { contactZone: undefined, country: "XX", fallbackZone: "America/New_York" },
    { zone: "America/New_York", guessed: true },
  ],
])("recipientZone(%o)", (input, out) => expect(recipientZone(input)).toEqual(out));
