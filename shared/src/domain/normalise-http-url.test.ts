import { expect, test } from "vitest";
import { normaliseHttpUrl } from "./normalise-http-url";

test.each([
  ["already normal", "https://example.com/pricing?a=1", "https://example.com/pricing?a=1"],
  ["host only gets its slash", "https://Example.COM", "https://example.com/"],
  ["surrounding blanks", "  https://example.com/a  ", "https://example.com/a"],
  ["an href wrapped over two lines", "https://example.com/very/\r\nlong", "https://example.com/very/long"],
  // As a browser opens it: the line break goes, the indentation is part of the path.
  ["a wrapped and indented href", "https://example.com/a\n  b", "https://example.com/a%20%20b"],
  ["a tab inside", "https://exa\tmple.com/", "https://example.com/"],
  ["backslashes after the scheme", "https:\\\\example.net", "https://example.net/"],
  ["backslashes in the path", "https://example.net\\a\\b", "https://example.net/a/b"],
  ["spaces are percent-encoded", "https://example.com/a b", "https://example.com/a%20b"],
  ["unicode host is punycode", "https://bücher.example/", "https://xn--bcher-kva.example/"],
  ["default port dropped", "http://example.com:80/x", "http://example.com/x"],
  ["javascript:", "javascript:alert(1)", null],
  ["data:", "data:text/html,hi", null],
  ["mailto:", "mailto:a@b.example", null],
  ["protocol-relative", "//evil.example/x", null],
  ["relative", "/pricing", null],
  ["empty", "", null],
  ["a NUL byte", "https://example.com/\u0000x", null],
  ["an escape character", "https://example.com/\u001bx", null],
  ["DEL", "https://example.com/\u007f", null],
  ["no host", "https://", null],
  ["file:", "file:///etc/passwd", null],
])("%s", (_name, written, want) => {
  expect(normaliseHttpUrl(written)).toBe(want);
});

test("the result never holds a character a Location header refuses", () => {
  for (const written of ["https://example.com/a\nb", "https://example.com/\u00e9", "https:\\\\x.example\\\u2028"]) {
    const out = normaliseHttpUrl(written);
    if (out !== null) expect(out).toMatch(/^[\x21-\x7e]+$/);
  }
});
