/**
 * The one allow-list for template HTML, a DOMPurify configuration: the sidebar applies it before HTML reaches a
 * compose box (ui/sanitize-html.ts) and the server on every template save and render (backend
 * security/sanitize-template-html.ts, DOMPurify over jsdom); both are tested against ui/sanitize-html-cases.ts.
 * No scripts, event handlers, javascript: or data: links, forms, frames, embeds, <meta refresh> or <base>.
 */
export const templateHtmlPolicy: { USE_PROFILES: { html: boolean }; FORBID_TAGS: string[]; FORBID_ATTR: string[] } = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "iframe", "object", "embed"],
  FORBID_ATTR: ["id", "name"],
};
