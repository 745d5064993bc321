import { describe, expect, test } from "vitest";
import { fieldMessage } from "./field-message";

describe("fieldMessage", () => {
  test.each([
    ["Email", "is not a valid email address", "Email is not a valid email address"],
    ["Password", "must be at least 10 characters", "Password must be at least 10 characters"],
    ["Name", "Too small: expected string to have >=1 characters", "Too small: expected string to have >=1 characters"],
    ["Name", "", ""],
  ])("%s + %j", (label, message, expected) => {
    expect(fieldMessage({ label, message })).toBe(expected);
  });
});
