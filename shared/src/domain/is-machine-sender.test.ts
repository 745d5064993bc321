import { expect, test } from "vitest";
import { isMachineSender } from "./is-machine-sender";

test.each([
  [{ from: "MAILER-DAEMON@mx.example" }, true],
  [{ from: "postmaster@outlook.com" }, true],
  [{ from: "hans@example.com", returnPath: "" }, true],
  [{ from: "hans@example.com", returnPath: "hans@example.com" }, false],
  [{ from: "postmaster-team@example.com" }, false],
  [{ from: null, returnPath: null }, false],
])("%j → %s", (input, expected) => {
  expect(isMachineSender(input)).toBe(expected);
});
