import type { RenderResult } from "../schemas/template";
import { sanitizeHtml } from "./sanitize-html";

export function TemplatePreview({ result }: { result: RenderResult }) {
  return (
    <figure aria-label="Template preview" className="mx-3 mt-2 rounded border border-slate-200 bg-white p-2">
      <figcaption className="mb-1 text-xs">
        <span className="text-slate-500">Subject: </span>
        <span data-testid="preview-subject">{result.subject}</span>
      </figcaption>
      <div
        data-testid="preview-body"
        className="max-h-48 overflow-auto text-xs leading-relaxed text-slate-800 [&_a]:text-teal-700 [&_a]:underline [&_p]:mb-1"
        // Sanitised the same way as what reaches the compose body.
        dangerouslySetInnerHTML={{ __html: sanitizeHtml(result.html) }}
      />
    </figure>
  );
}
