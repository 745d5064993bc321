import { describe, expect, test } from "vitest";
import { renderEmail } from "./render-email";

const variables = { first_name: "Tom & Jerry", company: { name: "<Acme>" }, title: null, multi: "line1\r\nBcc: x@evil.test" };

describe("renderEmail", () => {
  test.each([
    {
      name: "subject is text, body is html",
      subject: "Hi {{first_name}} from {{company.name}}",
      html: "<p>Hi {{first_name}} from {{company.name}}</p>",
      expected: {
        subject: "Hi Tom & Jerry from <Acme>",
        html: "<p>Hi Tom &amp; Jerry from &lt;Acme&gt;</p>",
        missing: [],
      },
    },
    {
      name: "missing merged and deduplicated, subject first",
      subject: "{{a}} {{b}}",
      html: "{{c}} {{b}} {{a}} {{title}}",
      expected: { subject: " ", html: "   ", missing: ["a", "b", "c", "title"] },
    },
    {
      name: "fallbacks are not missing",
      subject: "Hola {{title | señor}}",
      html: "<p>{{title | señor}} {{x | <amigo>}}</p>",
      expected: { subject: "Hola señor", html: "<p>señor &lt;amigo&gt;</p>", missing: [] },
    },
    {
      name: "line breaks in a subject value are flattened",
      subject: "Re: {{multi}}",
      html: "{{multi}}",
      expected: { subject: "Re: line1 Bcc: x@evil.test", html: "line1\r\nBcc: x@evil.test", missing: [] },
    },
    {
      name: "empty subject and body",
      subject: "",
      html: "",
      expected: { subject: "", html: "", missing: [] },
    },
  ])("$name", ({ subject, html, expected }) => {
    const { subjectHtml: _html, ...rest } = renderEmail({ subject, html, variables });
    expect(rest).toEqual(expected);
  });

  test("subjectHtml escapes the subject's variables like the body's, on one line", () => {
    const r = renderEmail({ subject: "Hi {{first_name}} from {{company.name}} {{multi}}", html: "", variables });
    expect(r.subjectHtml).toBe("Hi Tom &amp; Jerry from &lt;Acme&gt; line1 Bcc: x@evil.test");
    const xss = renderEmail({
      subject: "Hi {{first_name}}",
      html: "",
      variables: { first_name: "<img src=x onerror=alert(1)>" },
    });
    expect(xss.subjectHtml).toBe("Hi &lt;img src=x onerror=alert(1)&gt;");
  });
});
