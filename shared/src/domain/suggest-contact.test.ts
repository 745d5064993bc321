import { describe, expect, test } from "vitest";
import { companyNameFromDomain, suggestContact } from "./suggest-contact";

describe("suggestContact", () => {
  test.each([
    ["Li Wei", "li.wei@shenzhen-bright.cn", null, "Li", "Wei", "shenzhen-bright.cn", "Shenzhen Bright"],
    ["Wei, Li", "li.wei@shenzhen-bright.cn", null, "Li", "Wei", "shenzhen-bright.cn", "Shenzhen Bright"],
    [
      '"Carter, John"',
      "jc@midwest-supply.com",
      "Midwest Supply Inc.",
      "John",
      "Carter",
      "midwest-supply.com",
      "Midwest Supply Inc.",
    ],
    ["Daan de Vries", "daan@rotterdam-logistics.nl", null, "Daan", "de Vries", "rotterdam-logistics.nl", "Rotterdam Logistics"],
    ["Madonna", "m@label.com", null, "Madonna", null, "label.com", "Label"],
    [null, "sarah.johnson@gmail.com", null, "Sarah", "Johnson", null, null],
    ["", "SALES@Acme-Tools.co.uk", null, null, null, "acme-tools.co.uk", "Acme Tools"],
    ["sales@acme.com", "sales@acme.com", null, null, null, "acme.com", "Acme"],
    ["李伟", "liwei@qq.com", null, "李伟", null, null, null],
  ])("%s <%s>", (displayName, email, known, firstName, lastName, companyDomain, companyName) => {
    const s = suggestContact({ email, displayName, knownCompanyName: known });
    expect(s).toMatchObject({ email: email.toLowerCase(), firstName, lastName, companyDomain, companyName });
  });

  test.each([
    ["acme-tools.co.uk", "Acme Tools"],
    ["shenzhen_bright.cn", "Shenzhen Bright"],
    ["x.com", "X"],
  ])("companyNameFromDomain(%s)", (domain, name) => {
    expect(companyNameFromDomain(domain)).toBe(name);
  });
});
