// @vitest-environment jsdom
// jsdom, not happy-dom: DOMPurify under happy-dom 21 passes <script> through (its parser differs from browsers).
import { expect, test } from "vitest";
import { sanitizeHtml } from "./sanitize-html";
import { sanitizeHtmlCases } from "./sanitize-html-cases";

test.each(sanitizeHtmlCases)("$name", ({ html, want }) => {
  expect(sanitizeHtml(html)).toBe(want);
});
