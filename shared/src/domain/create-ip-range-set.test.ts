import { describe, expect, test } from "vitest";
import { createIpRangeSet } from "./create-ip-range-set";

const set = createIpRangeSet([
  "172.224.224.0/27",
  "10.0.0.0/8",
  "10.1.0.0/16",
  "192.0.2.0/25",
  "192.0.2.128/25",
  "2a02:26f7:b3c0:4000::/64",
  "2001:db8::/32",
  "not a cidr",
  "300.1.1.1/8",
  "",
]);

describe("createIpRangeSet", () => {
  test("counts accepted and rejected rows", () => {
    expect(set.size).toBe(7);
    expect(set.rejected).toBe(2);
  });
  test.each([
    ["172.224.224.0", true],
    ["172.224.224.31", true],
    ["172.224.224.32", false],
    ["172.224.223.255", false],
    ["10.200.1.1", true],
    ["192.0.2.200", true],
    ["192.0.3.0", false],
    ["::ffff:172.224.224.1", true],
    ["2a02:26f7:b3c0:4000:ffff:ffff:ffff:ffff", true],
    ["2a02:26f7:b3c0:4001::", false],
    ["[2001:db8:ffff::1]", true],
    ["2001:db9::1", false],
    ["0.0.0.0", false],
    ["not an ip", false],
    ["", false],
  ])("%s → %s", (ip, expected) => {
    expect(set.has(ip)).toBe(expected);
  });
  test("an empty set matches nothing", () => {
    expect(createIpRangeSet([]).has("1.2.3.4")).toBe(false);
  });
});
