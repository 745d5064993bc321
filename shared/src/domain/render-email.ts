import { renderTemplate } from "./render-template";

/**
 * Renders a template's subject (plain text, for the header or a subject field; `subjectHtml` with its values
 * HTML-escaped, for an HTML context) and HTML body (values escaped) with one set of variables.
 * `missing` lists every path with no value and no fallback, subject first, deduplicated.
 */
export function renderEmail({
  subject,
  html,
  variables,
}: {
  subject: string;
  html: string;
  variables: Record<string, unknown>;
}): { subject: string; subjectHtml: string; html: string; missing: string[] } {
  const renderedSubject = renderTemplate({ template: subject, variables, mode: "text" });
  const renderedHtml = renderTemplate({ template: html, variables, mode: "html" });
  return {
    // A subject is one header line: a value carrying a line break must not split it.
    subject: renderedSubject.output.replace(/[\r\n]+/g, " "),
    // The same subject for an HTML context (a preview, a list): its variables HTML-escaped, as in the body.
    subjectHtml: renderTemplate({ template: subject, variables, mode: "html" }).output.replace(/[\r\n]+/g, " "),
    html: renderedHtml.output,
    missing: [...new Set([...renderedSubject.missing, ...renderedHtml.missing])],
  };
}
