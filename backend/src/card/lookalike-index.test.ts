import { describe, expect, test } from "vitest";
import { domainSkeleton, LookalikeIndex } from "./lookalike-index";

const known = ["shenzhen-bright.cn", "rheinmetall-parts.de", "midwest-supply.com", "acme.co.uk", "paypal.com", "modern.com"];
const index = new LookalikeIndex(known);

describe("LookalikeIndex", () => {
  test.each([
    ["shenzhen-brlght.cn", "shenzhen-bright.cn"], // i → l
    ["shenzhen-bright.com", "shenzhen-bright.cn"], // other TLD
    ["shenzhenbright.cn", "shenzhen-bright.cn"], // hyphen dropped
    ["shenzen-bright.cn", "shenzhen-bright.cn"], // deletion
    ["shenzhhen-bright.cn", "shenzhen-bright.cn"], // insertion
    ["shenzhen-brihgt.cn", "shenzhen-bright.cn"], // swap
    ["rheinmetal-parts.de", "rheinmetall-parts.de"],
    ["midwest-supp1y.com", "midwest-supply.com"], // digit for letter
    ["acme.com", "acme.co.uk"],
    ["paypa1.com", "paypal.com"],
    ["xn--pypal-4ve.com", "paypal.com"], // pаypal with a Cyrillic а
    ["modem.com", "modern.com"], // rn → m
  ])("%s → candidate %s", (sender, of) => {
    expect(index.candidates(sender)).toContain(of);
  });

  test.each(["example.org", "bright-lights.cn", "rotterdam-logistics.nl", "supply.com"])("%s → no candidates", (sender) => {
    expect(index.candidates(sender)).toEqual([]);
  });

  test("never returns the domain itself; add is idempotent", () => {
    const i = new LookalikeIndex(["acme.com", "acme.com"]);
    expect(i.size).toBe(1);
    expect(i.candidates("acme.com")).toEqual([]);
    expect(domainSkeleton("mail.Shenzhen-Bright.com.cn")).toBe("shenzhenbrlght");
  });
});

describe("LookalikeIndex, detector cases", () => {
  test.each([
    ["internatoinal-tarding.com", "international-trading.com"], // two edits
    ["acme.com.invoice-pay.net", "acme.com"], // known domain as a prefix
    ["xn--cme-dla.co", "acme.com"], // accent
  ])("%s → candidate %s", (sender, of) => {
    const i = new LookalikeIndex(["international-trading.com", "acme.com", "globex.com"]);
    expect(i.candidates(sender)).toContain(of);
  });
});
