export type RenderMode = "html" | "text";

export interface RenderTemplateResult {
  output: string;
  /** Paths with no usable value and no fallback (rendered as ""), deduplicated, in order of appearance. */
  missing: string[];
  /** Paths with no usable value whose fallback was rendered instead, deduplicated, in order of appearance. */
  usedFallbacks: string[];
}

// `{{ path }}` or `{{ path | fallback text }}`. Braces inside a tag are not allowed, so `{{{x}}}` renders
// as `{` + x + `}` and a lone `{{` never swallows the rest of the body.
const TAG = /\{\{([^{}]*)\}\}/g;
// Dotted path of word characters and hyphens (custom field keys such as `deal-size`). Anything else
// inside braces (`{{ }}`, `{{a b}}`, `{{#if}}`) is not ours and is left untouched.
const PATH = /^[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*$/u;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const NEEDS_ESCAPE = /[&<>"']/;
const ESCAPE_ALL = /[&<>"']/g;

function escapeHtml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPE_ALL, (ch) => ESCAPES[ch]!) : text;
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Follows own properties of non-array objects only, so `{{constructor}}`, `{{__proto__.x}}` or
 * `{{list.length}}` can never reach a prototype or an internal property.
 */
function lookup(variables: Record<string, unknown>, path: string): unknown {
  let current: unknown = variables;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object" || Array.isArray(current) || !hasOwn.call(current, key)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The printable form of a value, or null when it counts as missing (empty, blank, object, NaN…). */
function printable(value: unknown): string | null {
  switch (typeof value) {
    case "string":
      return value.trim() === "" ? null : value;
    case "number":
      return Number.isFinite(value) ? String(value) : null;
    case "bigint":
    case "boolean":
      return String(value);
    default:
      return null;
  }
}

/**
 * Fills `{{first_name}}`, `{{company.name}}` and `{{first_name | there}}` placeholders. Runs unchanged in
 * the browser and on the server; never throws on malformed input.
 */
export function renderTemplate({
  template,
  variables,
  mode,
}: {
  template: string;
  variables: Record<string, unknown>;
  mode: RenderMode;
}): RenderTemplateResult {
  const missing = new Set<string>();
  const usedFallbacks = new Set<string>();
  const encode = mode === "html" ? escapeHtml : (text: string) => text;

  const output = template.replace(TAG, (whole, inner: string) => {
    const bar = inner.indexOf("|");
    const path = (bar === -1 ? inner : inner.slice(0, bar)).trim();
    if (!PATH.test(path)) return whole;
    const value = printable(lookup(variables, path));
    if (value !== null) return encode(value);
    if (bar === -1) {
      missing.add(path);
      return "";
    }
    usedFallbacks.add(path);
    return encode(inner.slice(bar + 1).trim());
  });

  return { output, missing: [...missing], usedFallbacks: [...usedFallbacks] };
}
