import DOMPurify from "dompurify";

/** Template HTML as it may enter a compose body: no scripts, handlers, forms, frames or javascript: links. */
export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "iframe", "object", "embed"],
    FORBID_ATTR: ["id", "name"],
  });
}
