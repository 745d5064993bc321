import { describe, expect, test } from "vitest";
import { detectLookalikeDomain } from "./detect-lookalike-domain";

const known = [
  "acme.com",
  "globex-corp.com",
  "initech.co.uk",
  "apple.com",
  "google.com",
  "paypal.com",
  "wayne.com",
  "münchen.de",
  "hp.com",
  "mail.umbrella.com",
  "gmail.com",
  "international-trading.com",
];

type Row = { domain: string; of: string | null; reasons?: string[]; knownDomains?: string[] };

// Punycode literals were produced independently with Node's url.domainToASCII.
const warnings: Row[] = [
  { domain: "acrne.com", of: "acme.com", reasons: ['"rn" looks like "m"'] },
  { domain: "amce.com", of: "acme.com", reasons: ["letters swapped"] },
  { domain: "acmee.com", of: "acme.com", reasons: ["letter added"] },
  { domain: "acm.com", of: "acme.com", reasons: ["letter removed"] },
  { domain: "acne.com", of: "acme.com", reasons: ['"n" instead of "m"'] },
  { domain: "acme.co", of: "acme.com", reasons: ["other TLD: .co instead of .com"] },
  { domain: "acme.com.cn", of: "acme.com", reasons: ["other TLD: .com.cn instead of .com"] },
  { domain: "acme.de", of: "acme.com", reasons: ["other TLD: .de instead of .com"] },
  { domain: "ACME.NET", of: "acme.com", reasons: ["other TLD: .net instead of .com"] },
  { domain: "acrne.co", of: "acme.com", reasons: ['"rn" looks like "m"', "other TLD: .co instead of .com"] },
  { domain: "globexcorp.com", of: "globex-corp.com", reasons: ["hyphen removed"] },
  { domain: "ac-me.com", of: "acme.com", reasons: ["hyphen added"] },
  { domain: "paypa1.com", of: "paypal.com", reasons: ['"1" looks like "l"'] },
  { domain: "g00gle.com", of: "google.com", reasons: ['"0" looks like "o"'] },
  { domain: "gmall.com", of: "gmail.com", reasons: ['"l" looks like "i"'] },
  { domain: "vvayne.com", of: "wayne.com", reasons: ['"vv" looks like "w"'] },
  { domain: "initech.com", of: "initech.co.uk", reasons: ["other TLD: .com instead of .co.uk"] },
  { domain: "lnitech.co.uk", of: "initech.co.uk", reasons: ['"l" looks like "i"'] },
  { domain: "internationa-trading.com", of: "international-trading.com", reasons: ["letter removed"] },
  { domain: "intemational-tradlng.com", of: "international-trading.com", reasons: ['"m" looks like "rn"', '"l" looks like "i"'] },
  { domain: "internatoinal-tarding.com", of: "international-trading.com", reasons: ["2 letters differ"] },
  { domain: "xn--cme-5cd.com", of: "acme.com", reasons: ["punycode: xn--cme-5cd.com shows as аcme.com"] },
  { domain: "аcme.com", of: "acme.com", reasons: ["punycode: xn--cme-5cd.com shows as аcme.com"] },
  { domain: "xn--80ak6aa92e.com", of: "apple.com", reasons: ["punycode: xn--80ak6aa92e.com shows as аррӏе.com"] },
  { domain: "xn--gogle-rce.com", of: "google.com", reasons: ["punycode: xn--gogle-rce.com shows as gοogle.com"] },
  {
    domain: "xn--cme-dla.co",
    of: "acme.com",
    reasons: ["punycode: xn--cme-dla.co shows as ácme.co", "other TLD: .co instead of .com"],
  },
  { domain: "muenchen.de", of: "münchen.de", reasons: ["letter added"] },
  { domain: "acme.com.invoice-pay.net", of: "acme.com", reasons: ["starts with acme.com but belongs to another domain"] },
  { domain: "billing@acrne.com", of: "acme.com", reasons: ['"rn" looks like "m"'] },
  { domain: "acrne.com.", of: "acme.com", reasons: ['"rn" looks like "m"'] },
  { domain: "mail.acrne.com", of: "acme.com", reasons: ['"rn" looks like "m"'] },
  { domain: "umbrela.com", of: "mail.umbrella.com", reasons: ["letter removed"] },
];

const nonWarnings: Row[] = [
  { domain: "acme.com", of: null },
  { domain: " Acme.COM ", of: null },
  { domain: "mail.acme.com", of: null },
  { domain: "eu.mail.acme.com", of: null },
  { domain: "initech.co.uk", of: null },
  { domain: "sales.initech.co.uk", of: null },
  { domain: "xn--mnchen-3ya.de", of: null }, // münchen.de itself, spelled in punycode
  { domain: "umbrella.com", of: null }, // parent of a known subdomain
  { domain: "www.umbrella.com", of: null }, // sibling of a known subdomain
  { domain: "github.com", of: null }, // google.com: 4 letters differ
  { domain: "apex.com", of: null }, // acme.com: 3 letters differ, ordinary different company
  { domain: "amazon.com", of: null },
  { domain: "hq.com", of: null }, // hp.com: names of 3 letters or fewer need an exact look-alike
  { domain: "ibm.com", of: null },
  { domain: "globalcorp.com", of: null },
  { domain: "outlook.com", of: null }, // free-mail provider
  { domain: "hotmail.com", of: null },
  { domain: "googlemail.com", of: null }, // free-mail, even though close to known gmail.com/google.com
  { domain: "gmx.de", of: null },
  { domain: "例子.com", of: null },
  { domain: "national-trading.com", of: null },
  { domain: "", of: null },
  { domain: "not a domain", of: null },
  { domain: "xn--zz.com", of: null }, // malformed punycode never throws
  { domain: "acrne.com", of: null, knownDomains: [] },
  { domain: "hotmail.fr", of: null, knownDomains: ["hotmail.com", "gmail.com"] }, // free-mail vs each other
  { domain: "yahoo.co.uk", of: null, knownDomains: ["yahoo.com"] },
];

describe("detectLookalikeDomain", () => {
  test.each(warnings)("$domain warns as look-alike of $of", ({ domain, of, reasons, knownDomains }) => {
    expect(detectLookalikeDomain({ domain, knownDomains: knownDomains ?? known })).toEqual({ of, reasons });
  });

  test.each(nonWarnings)("$domain does not warn", ({ domain, knownDomains }) => {
    expect(detectLookalikeDomain({ domain, knownDomains: knownDomains ?? known })).toBeNull();
  });

  test("picks the closest known domain", () => {
    expect(detectLookalikeDomain({ domain: "acme.co", knownDomains: ["acne.com", "acme.com"] })?.of).toBe("acme.com");
  });

  test("a known domain given in Unicode matches its punycode form", () => {
    expect(detectLookalikeDomain({ domain: "xn--fsqu00a.com", knownDomains: ["例子.com"] })).toBeNull();
  });
});
