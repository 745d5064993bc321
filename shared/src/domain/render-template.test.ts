import { describe, expect, test } from "vitest";
import { renderTemplate, type RenderMode } from "./render-template";

const vars: Record<string, unknown> = {
  first_name: "Ana",
  last_name: "García",
  empty: "",
  blank: "   ",
  nothing: null,
  zero: 0,
  amount: 12.5,
  nan: Number.NaN,
  yes: true,
  no: false,
  big: 10n,
  list: ["a", "b"],
  obj: { a: 1 },
  company: { name: "Acme & Sons", domain: "acme.com", address: { city: "上海" } },
  evil: `<script>alert("x")</script>`,
  quote: `O'Brien "Bob"`,
  zh_name: "王伟",
  "deal-size": "10k",
  custom: { "deal-size": "10k" },
};

type Row = {
  name: string;
  template: string;
  mode: RenderMode;
  variables?: Record<string, unknown>;
  output: string;
  missing?: string[];
  usedFallbacks?: string[];
};

const rows: Row[] = [
  { name: "plain text untouched", template: "Hello world", mode: "html", output: "Hello world" },
  { name: "empty template", template: "", mode: "html", output: "" },
  { name: "simple variable", template: "Hi {{first_name}}!", mode: "text", output: "Hi Ana!" },
  { name: "whitespace inside braces", template: "Hi {{   first_name\t}}!", mode: "text", output: "Hi Ana!" },
  { name: "non-ASCII value", template: "{{last_name}}", mode: "html", output: "García" },
  { name: "dotted path", template: "{{company.name}}", mode: "text", output: "Acme & Sons" },
  { name: "dotted path escaped in html", template: "{{company.name}}", mode: "html", output: "Acme &amp; Sons" },
  { name: "deep path with Chinese value", template: "{{ company.address.city }}", mode: "text", output: "上海" },
  { name: "hyphenated key", template: "{{deal-size}} / {{custom.deal-size}}", mode: "text", output: "10k / 10k" },
  {
    name: "repeated variable",
    template: "{{first_name}} {{first_name}} {{ first_name }}",
    mode: "html",
    output: "Ana Ana Ana",
  },
  {
    name: "missing variable renders empty",
    template: "Hi {{nobody}}.",
    mode: "html",
    output: "Hi .",
    missing: ["nobody"],
  },
  {
    name: "repeated missing is deduplicated, order kept",
    template: "{{b}}{{a}}{{b}}{{a}}",
    mode: "text",
    output: "",
    missing: ["b", "a"],
  },
  {
    name: "empty variables",
    template: "Dear {{first_name | customer}}, {{company.name}}",
    mode: "html",
    variables: {},
    output: "Dear customer, ",
    missing: ["company.name"],
    usedFallbacks: ["first_name"],
  },
  {
    name: "nested missing path",
    template: "{{company.address.zip}} {{company.ceo.name}} {{first_name.length}}",
    mode: "text",
    output: "  ",
    missing: ["company.address.zip", "company.ceo.name", "first_name.length"],
  },
  {
    name: "fallback used when missing",
    template: "Hi {{nobody | there}}!",
    mode: "text",
    output: "Hi there!",
    usedFallbacks: ["nobody"],
  },
  {
    name: "fallback ignored when value present",
    template: "Hi {{first_name | there}}!",
    mode: "text",
    output: "Hi Ana!",
  },
  {
    name: "fallback with spaces",
    template: "Hello {{nobody |  dear   valued customer }}.",
    mode: "text",
    output: "Hello dear   valued customer.",
    usedFallbacks: ["nobody"],
  },
  {
    name: "Chinese fallback",
    template: "尊敬的{{title | 先生/女士}}，您好",
    mode: "html",
    output: "尊敬的先生/女士，您好",
    usedFallbacks: ["title"],
  },
  {
    name: "Chinese value in Chinese text",
    template: "{{zh_name}}您好",
    mode: "html",
    output: "王伟您好",
  },
  {
    name: "fallback is escaped in html",
    template: "{{nobody | <b>Tom & Jerry</b>}}",
    mode: "html",
    output: "&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;",
    usedFallbacks: ["nobody"],
  },
  {
    name: "fallback is not escaped in text",
    template: "{{nobody | Tom & Jerry}}",
    mode: "text",
    output: "Tom & Jerry",
    usedFallbacks: ["nobody"],
  },
  {
    name: "empty fallback is an explicit empty value",
    template: "[{{nobody|}}]",
    mode: "text",
    output: "[]",
    usedFallbacks: ["nobody"],
  },
  {
    name: "fallback may contain a bar",
    template: "{{nobody | a | b}}",
    mode: "text",
    output: "a | b",
    usedFallbacks: ["nobody"],
  },
  {
    name: "same path with and without fallback",
    template: "{{nobody | x}}{{nobody}}",
    mode: "text",
    output: "x",
    missing: ["nobody"],
    usedFallbacks: ["nobody"],
  },
  {
    name: "script injection escaped in html",
    template: "<p>{{evil}}</p>",
    mode: "html",
    output: "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>",
  },
  {
    name: "quotes escaped in an attribute",
    template: `<a title="{{quote}}">x</a>`,
    mode: "html",
    output: `<a title="O&#39;Brien &quot;Bob&quot;">x</a>`,
  },
  { name: "no escaping in text mode", template: "{{evil}}", mode: "text", output: `<script>alert("x")</script>` },
  {
    name: "template HTML itself is not escaped",
    template: "<b>&amp;</b>{{first_name}}",
    mode: "html",
    output: "<b>&amp;</b>Ana",
  },
  {
    name: "value containing braces is not re-rendered",
    template: "{{x}}",
    mode: "text",
    variables: { x: "{{first_name}}", first_name: "Ana" },
    output: "{{first_name}}",
  },
  {
    name: "empty, blank and null count as missing",
    template: "{{empty}}{{blank}}{{nothing}}",
    mode: "text",
    output: "",
    missing: ["empty", "blank", "nothing"],
  },
  {
    name: "numbers, booleans and bigint stringify",
    template: "{{zero}} {{amount}} {{yes}} {{no}} {{big}}",
    mode: "text",
    output: "0 12.5 true false 10",
  },
  {
    name: "objects, arrays and NaN count as missing",
    template: "{{obj | o}} {{list | l}} {{nan | n}} {{company}}",
    mode: "text",
    output: "o l n ",
    missing: ["company"],
    usedFallbacks: ["obj", "list", "nan"],
  },
  { name: "empty braces left as-is", template: "a {{ }} b {{}}", mode: "html", output: "a {{ }} b {{}}" },
  { name: "path with a space left as-is", template: "{{a b}}", mode: "html", output: "{{a b}}" },
  { name: "single braces left as-is", template: "{first_name} }} {{", mode: "html", output: "{first_name} }} {{" },
  { name: "unclosed tag left as-is", template: "Hi {{first_name", mode: "text", output: "Hi {{first_name" },
  { name: "block helpers left as-is", template: "{{#if x}}y{{/if}}", mode: "text", output: "{{#if x}}y{{/if}}" },
  { name: "leading dot left as-is", template: "{{.a}} {{a.}} {{a..b}}", mode: "text", output: "{{.a}} {{a.}} {{a..b}}" },
  { name: "fallback without path left as-is", template: "{{ | x}}", mode: "text", output: "{{ | x}}" },
  { name: "triple braces keep the outer ones", template: "{{{first_name}}}", mode: "text", output: "{Ana}" },
  {
    name: "unclosed tag does not swallow the next one",
    template: "{{ oops {{first_name}}",
    mode: "text",
    output: "{{ oops Ana",
  },
  {
    name: "no prototype access",
    template: "{{constructor}}|{{__proto__}}|{{toString}}|{{hasOwnProperty}}|{{first_name.constructor.name}}",
    mode: "text",
    output: "||||",
    missing: ["constructor", "__proto__", "toString", "hasOwnProperty", "first_name.constructor.name"],
  },
  {
    name: "no prototype access through __proto__",
    template: "{{__proto__.constructor.name | safe}} {{company.__proto__.toString | safe}}",
    mode: "text",
    output: "safe safe",
    usedFallbacks: ["__proto__.constructor.name", "company.__proto__.toString"],
  },
  {
    name: "own __proto__ key from JSON is plain data",
    template: "{{__proto__}}",
    mode: "text",
    variables: JSON.parse('{"__proto__":"own"}') as Record<string, unknown>,
    output: "own",
  },
  {
    name: "no access to array length or string index",
    template: "{{list.length}}{{first_name.0}}",
    mode: "text",
    output: "",
    missing: ["list.length", "first_name.0"],
  },
];

describe("renderTemplate", () => {
  test.each(rows)("$name", ({ template, mode, variables, output, missing = [], usedFallbacks = [] }) => {
    expect(renderTemplate({ template, variables: variables ?? vars, mode })).toEqual({ output, missing, usedFallbacks });
  });

  test("never throws on odd input", () => {
    const odd = [
      "{{",
      "}}",
      "{{|}}",
      "{{ | }}",
      "{{a|",
      "{{\u0000}}",
      "{{a.b.c.d.e.f.g.h}}",
      "{".repeat(1000) + "}".repeat(1000),
    ];
    for (const template of odd) {
      expect(() => renderTemplate({ template, variables: vars, mode: "html" })).not.toThrow();
    }
  });

  test("a template rendered again uses the new variables and mode", () => {
    const template = "<b>{{name | you}}</b>";
    expect(renderTemplate({ template, variables: { name: "A&B" }, mode: "html" }).output).toBe("<b>A&amp;B</b>");
    expect(renderTemplate({ template, variables: { name: "A&B" }, mode: "text" }).output).toBe("<b>A&B</b>");
    expect(renderTemplate({ template, variables: {}, mode: "html" })).toEqual({
      output: "<b>you</b>",
      missing: [],
      usedFallbacks: ["name"],
    });
  });

  test("many distinct templates all render correctly (cache eviction)", () => {
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 200; i++) {
        const result = renderTemplate({ template: `${i}:{{first_name}}{{x${i}}}`, variables: vars, mode: "text" });
        expect(result).toEqual({ output: `${i}:Ana`, missing: [`x${i}`], usedFallbacks: [] });
      }
    }
  });

  test("does not mutate variables", () => {
    const variables = { a: { b: "c" } };
    const before = JSON.stringify(variables);
    renderTemplate({ template: "{{a.b}}{{a.x}}", variables, mode: "html" });
    expect(JSON.stringify(variables)).toBe(before);
  });
});
