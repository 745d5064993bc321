import { expect, test } from "vitest";
import { truncateIp } from "./truncate-ip";

test.each([
  ["203.0.113.77", "203.0.113.0/24"],
  ["::ffff:203.0.113.77", "203.0.113.0/24"],
  ["2001:db8:abcd:12:34::1", "2001:db8:abcd::/48"],
  ["[2001:db8:abcd:ffff::1]", "2001:db8:abcd::/48"],
  ["garbage", null],
  ["", null],
  [null, null],
])("truncateIp(%s) = %s", (ip, expected) => {
  expect(truncateIp(ip)).toBe(expected);
});
