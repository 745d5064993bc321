import { describe, expect, test } from "vitest";
import { detectLookalikeDomain } from "@threadline/shared/domain/detect-lookalike-domain";
import { LookalikeIndex } from "./lookalike-index";

// The index only narrows the known domains; on these cases (the detector's own, plus ordinary senders) the
// detector must decide exactly as it does when it sees every known domain.
const known = [
  "acme.com",
  "globex-corp.com",
  "paypal.com",
  "google.com",
  "wayne.com",
  "initech.co.uk",
  "international-trading.com",
  "apple.com",
  "münchen.de",
  "mail.umbrella.com",
  "shenzhen-bright.cn",
  "rheinmetall-parts.de",
  "acne-studios.com",
];
const senders = [
  "acrne.com",
  "amce.com",
  "acmee.com",
  "acm.com",
  "acne.com",
  "acme.co",
  "acme.com.cn",
  "acme.de",
  "ACME.NET",
  "acrne.co",
  "globexcorp.com",
  "ac-me.com",
  "paypa1.com",
  "g00gle.com",
  "vvayne.com",
  "initech.com",
  "lnitech.co.uk",
  "internationa-trading.com",
  "intemational-tradlng.com",
  "internatoinal-tarding.com",
  "xn--cme-5cd.com",
  "xn--80ak6aa92e.com",
  "xn--gogle-rce.com",
  "xn--cme-dla.co",
  "muenchen.de",
  "acme.com.invoice-pay.net",
  "mail.acrne.com",
  "umbrela.com",
  "mail.acme.com",
  "umbrella.com",
  "shenzhen-brlght.cn",
  "shenzen-bright.com",
  "rheinmetal-parts.de",
  "example.org",
  "bright-lights.cn",
  "midwest-supply.com",
];

describe("look-alike: index candidates + detector = detector over every known domain", () => {
  const index = new LookalikeIndex(known);
  test.each(senders)("%s", (domain) => {
    const full = detectLookalikeDomain({ domain, knownDomains: known });
    const fast = detectLookalikeDomain({ domain, knownDomains: index.candidates(domain.toLowerCase()) });
    expect(fast).toEqual(full);
  });
});
