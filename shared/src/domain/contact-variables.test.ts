import { describe, expect, test } from "vitest";
import { contactVariables, type ContactVariablesInput } from "./contact-variables";
import { renderTemplate } from "./render-template";

const contact: NonNullable<ContactVariablesInput["contact"]> = {
  email: "ana@acme.com",
  firstName: "Ana",
  lastName: "García",
  displayName: "Ana García López",
  title: "CFO",
  phone: "+34 600 000 000",
  country: "ES",
  customFields: { deal_size: "10k", email: "shadow@evil.test", "lead-source": "fair" },
};
const company = { name: "Acme", domain: "acme.com" };
const sender = { name: "Li Wei", email: "li@threadline.test" };

function render(template: string, input: ContactVariablesInput) {
  return renderTemplate({ template, variables: contactVariables(input), mode: "text" });
}

describe("contactVariables", () => {
  test("full contact", () => {
    expect(contactVariables({ contact, company, sender })).toEqual({
      deal_size: "10k",
      "lead-source": "fair",
      first_name: "Ana",
      last_name: "García",
      full_name: "Ana García López",
      email: "ana@acme.com",
      title: "CFO",
      phone: "+34 600 000 000",
      country: "ES",
      company: { name: "Acme", domain: "acme.com" },
      sender: { name: "Li Wei", email: "li@threadline.test" },
      custom: { deal_size: "10k", email: "shadow@evil.test", "lead-source": "fair" },
    });
  });

  test.each([
    { name: "first name", template: "{{first_name}}", input: { contact, company, sender }, output: "Ana", missing: [] },
    {
      name: "full name from display name",
      template: "{{full_name}}",
      input: { contact, company, sender },
      output: "Ana García López",
      missing: [],
    },
    {
      name: "full name from first and last when no display name",
      template: "{{full_name}}",
      input: { contact: { ...contact, displayName: " " }, company, sender },
      output: "Ana García",
      missing: [],
    },
    {
      name: "full name from last name only",
      template: "{{full_name}}",
      input: { contact: { ...contact, displayName: null, firstName: null }, company, sender },
      output: "García",
      missing: [],
    },
    {
      name: "no names at all",
      template: "{{full_name}}{{first_name}}",
      input: { contact: { ...contact, displayName: null, firstName: null, lastName: null }, company, sender },
      output: "",
      missing: ["full_name", "first_name"],
    },
    {
      name: "company and sender",
      template: "{{company.name}} {{company.domain}} {{sender.name}} {{sender.email}}",
      input: { contact, company, sender },
      output: "Acme acme.com Li Wei li@threadline.test",
      missing: [],
    },
    {
      name: "custom field at top level and under custom",
      template: "{{deal_size}} {{custom.deal_size}} {{lead-source}}",
      input: { contact, company, sender },
      output: "10k 10k fair",
      missing: [],
    },
    {
      name: "custom field cannot shadow a built-in",
      template: "{{email}} {{custom.email}}",
      input: { contact, company, sender },
      output: "ana@acme.com shadow@evil.test",
      missing: [],
    },
    {
      name: "unknown recipient: everything missing",
      template: "{{first_name}}{{email}}{{company.name}}{{sender.name}}{{custom.deal_size}}",
      input: { contact: null, company: null, sender: null },
      output: "",
      missing: ["first_name", "email", "company.name", "sender.name", "custom.deal_size"],
    },
    {
      name: "extra wins and merges into objects",
      template: "{{first_name}} {{sender.name}} {{sender.email}} {{meeting}}",
      input: { contact, company, sender, extra: { first_name: "Anita", sender: { name: "Wei" }, meeting: "Tue" } },
      output: "Anita Wei li@threadline.test Tue",
      missing: [],
    },
    {
      name: "extra fills an absent contact",
      template: "{{first_name | there}} {{email}}",
      input: { contact: null, company: null, sender: null, extra: { email: "x@y.test" } },
      output: "there x@y.test",
      missing: [],
    },
  ])("$name", ({ template, input, output, missing }) => {
    const result = render(template, input);
    expect(result.output).toBe(output);
    expect(result.missing).toEqual(missing);
  });

  test("unsafe keys in custom fields and extra are dropped, prototype untouched", () => {
    const evil = JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":"x","ok":"1"}') as Record<string, string>;
    const variables = contactVariables({ contact: { ...contact, customFields: evil }, company, sender, extra: evil });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(variables, "constructor")).toBe(false);
    expect(variables.ok).toBe("1");
    expect(variables.custom).toEqual({ ok: "1" });
  });

  test("does not mutate its input", () => {
    const input = { contact, company, sender, extra: { sender: { name: "Wei" } } };
    const before = JSON.stringify(input);
    contactVariables(input);
    expect(JSON.stringify(input)).toBe(before);
  });
});
