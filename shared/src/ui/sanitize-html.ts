import DOMPurify from "dompurify";
import { templateHtmlPolicy } from "../domain/template-html-policy";

/** Template HTML as it may enter a compose body: no scripts, handlers, forms, frames or javascript: links. */
export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, templateHtmlPolicy);
}
