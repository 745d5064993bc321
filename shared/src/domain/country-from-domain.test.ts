import { describe, expect, test } from "vitest";
import { countryFromDomain } from "./country-from-domain";

describe("countryFromDomain", () => {
  test.each([
    ["shenzhen-bright.cn", "CN"],
    ["acme.co.uk", "GB"],
    ["Rheinmetall-Parts.DE", "DE"],
    ["sp-distribuidora.com.br", "BR"],
    ["acme.com", null],
    ["startup.io", null],
    ["brand.co", null],
    ["ai-lab.ai", null],
    ["example.museum", null],
    ["", null],
  ])("%s → %s", (domain, country) => {
    expect(countryFromDomain(domain)).toBe(country);
  });
});
