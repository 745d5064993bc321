import { describe, expect, test } from "vitest";
import { createIpRangeSet } from "./create-ip-range-set";
import { labelTrackingEvent, type LabelTrackingEventInput } from "./label-tracking-event";

const apple = createIpRangeSet(["172.224.224.0/27", "2a02:26f7:b3c0:4000::/64", "104.28.39.0/24"]);
const chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
const outlook = "Microsoft Outlook 16.0.17328; Pro";
const sentAt = 1_700_000_000_000;
const min = 60_000;

function input(over: Partial<LabelTrackingEventInput>): LabelTrackingEventInput {
  return {
    kind: "open",
    method: "GET",
    userAgent: outlook,
    ip: "203.0.113.9",
    ipKey: "k1",
    headers: {},
    sentAt,
    now: sentAt + 10 * min,
    appleRanges: apple,
    earlierEvents: [],
    ...over,
  };
}

describe("labelTrackingEvent", () => {
  test.each<[string, Partial<LabelTrackingEventInput>, string, RegExp]>([
    ["a person in Outlook", {}, "human", /person/],
    ["a person clicking in Chrome", { kind: "click", userAgent: chrome }, "human", /person/],
    [
      "Gmail image proxy",
      { userAgent: "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)" },
      "google_proxy",
      /Gmail/,
    ],
    ["Apple MPP, IPv4 in range", { ip: "172.224.224.17", userAgent: "Mozilla/5.0" }, "apple_proxy", /Apple/],
    ["Apple MPP, IPv4-mapped IPv6 in range", { ip: "::ffff:172.224.224.17" }, "apple_proxy", /Apple/],
    ["Apple MPP, IPv6 in range", { ip: "2a02:26f7:b3c0:4000::abcd" }, "apple_proxy", /Apple/],
    ["IPv6 just outside the Apple range", { ip: "2a02:26f7:b3c0:4001::1" }, "human", /person/],
    ["IPv4 just outside the Apple range", { ip: "172.224.224.32" }, "human", /person/],
    [
      "a click from an Apple range is Private Relay browsing, not MPP",
      { kind: "click", ip: "172.224.224.17", userAgent: chrome },
      "human",
      /person/,
    ],
    ["Microsoft Safe Links", { kind: "click", userAgent: "Mozilla/5.0 SafeLinks/1.0" }, "scanner", /Safe Links/],
    ["Proofpoint", { kind: "click", userAgent: "Proofpoint URL Defense/2.0" }, "scanner", /Proofpoint/],
    ["Mimecast", { userAgent: "Mimecast-URL-Scanner/3" }, "scanner", /Mimecast/],
    ["Barracuda", { kind: "click", userAgent: "Barracuda Sentinel (EE)" }, "scanner", /Barracuda/],
    ["curl", { kind: "click", userAgent: "curl/8.5.0" }, "scanner", /automated/],
    [
      "Sec-Purpose: prefetch",
      { kind: "click", userAgent: chrome, headers: { "sec-purpose": "prefetch;prerender" } },
      "prefetch",
      /sec-purpose/,
    ],
    ["Purpose: prefetch", { kind: "click", userAgent: chrome, headers: { purpose: "prefetch" } }, "prefetch", /purpose/],
    ["X-Purpose: preview", { userAgent: chrome, headers: { "x-purpose": "preview" } }, "prefetch", /x-purpose/],
    ["X-Moz: prefetch", { userAgent: chrome, headers: { "x-moz": "prefetch" } }, "prefetch", /x-moz/],
    ["an unrelated Purpose header value", { headers: { purpose: "navigate" } }, "human", /person/],
    ["HEAD request", { kind: "click", method: "HEAD", userAgent: chrome }, "scanner", /HEAD/],
    ["HEAD wins over a Gmail UA (request shape first)", { method: "HEAD", userAgent: "GoogleImageProxy" }, "scanner", /HEAD/],
    ["missing UA", { userAgent: undefined }, "scanner", /User-Agent/],
    ["blank UA", { userAgent: "   " }, "scanner", /User-Agent/],
    ["open 2 s after send", { now: sentAt + 2_000 }, "scanner", /2\.0 s after sending/],
    ["open exactly 5 s after send is allowed", { now: sentAt + 5_000 }, "human", /person/],
    ["open with unknown send time", { sentAt: null, now: sentAt + 1 }, "human", /person/],
    [
      "click 8 s after a bot open",
      {
        kind: "click",
        userAgent: chrome,
        earlierEvents: [{ kind: "open", label: "apple_proxy", ipKey: "x", occurredAt: sentAt + 10 * min - 8_000 }],
      },
      "scanner",
      /8\.0 s after a machine open \(apple_proxy\)/,
    ],
    [
      "click 9 s after a bot open is allowed",
      {
        kind: "click",
        userAgent: chrome,
        earlierEvents: [{ kind: "open", label: "scanner", ipKey: "x", occurredAt: sentAt + 10 * min - 9_000 }],
      },
      "human",
      /person/,
    ],
    [
      "click 3 s after a human open is a person",
      {
        kind: "click",
        userAgent: chrome,
        earlierEvents: [{ kind: "open", label: "human", ipKey: "k1", occurredAt: sentAt + 10 * min - 3_000 }],
      },
      "human",
      /person/,
    ],
    [
      "second open from the same network within the hour",
      { earlierEvents: [{ kind: "open", label: "human", ipKey: "k1", occurredAt: sentAt + 10 * min - 20 * min }] },
      "duplicate",
      /20 min/,
    ],
    [
      "same network after more than an hour counts again",
      { now: sentAt + 90 * min, earlierEvents: [{ kind: "open", label: "human", ipKey: "k1", occurredAt: sentAt + 29 * min }] },
      "human",
      /person/,
    ],
    [
      "another network within the hour counts",
      { earlierEvents: [{ kind: "open", label: "human", ipKey: "k2", occurredAt: sentAt + 9 * min }] },
      "human",
      /person/,
    ],
    [
      "dedupe is per kind: an open does not dedupe a click",
      {
        kind: "click",
        userAgent: chrome,
        earlierEvents: [{ kind: "open", label: "human", ipKey: "k1", occurredAt: sentAt + 5 * min }],
      },
      "human",
      /person/,
    ],
    [
      "a second click from the same IPv6 network",
      {
        kind: "click",
        userAgent: chrome,
        ip: "2001:db8:1:2::5",
        earlierEvents: [{ kind: "click", label: "human", ipKey: "k1", occurredAt: sentAt + 9 * min }],
      },
      "duplicate",
      /counted once/,
    ],
    [
      "earlier machine events do not make a person's open a duplicate",
      { earlierEvents: [{ kind: "open", label: "google_proxy", ipKey: "k1", occurredAt: sentAt + 9 * min }] },
      "human",
      /person/,
    ],
  ])("%s → %s", (_name, over, label, reason) => {
    const result = labelTrackingEvent(input(over));
    expect(result.label).toBe(label);
    expect(result.reason).toMatch(reason);
  });
});
