import { expect, test } from "vitest";
import { newId } from "./new-id";

test("ids made in the same millisecond sort in creation order", () => {
  const ids = Array.from({ length: 500 }, () => newId("ct", 1_700_000_000_000));
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
});

test("shape: prefix, 21 base36 chars", () => {
  expect(newId("co")).toMatch(/^co_[0-9a-z]{21}$/);
});
