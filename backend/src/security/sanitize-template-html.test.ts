// The server's sanitiser against the same table as the sidebar's (shared ui/sanitize-html-cases.ts).
import { expect, test } from "vitest";
import { sanitizeHtmlCases } from "@threadline/shared/ui/sanitize-html-cases";
import { sanitizeTemplateHtml } from "./sanitize-template-html";

test.each(sanitizeHtmlCases)("$name", async ({ html, want }) => {
  expect(await sanitizeTemplateHtml(html)).toBe(want);
});
