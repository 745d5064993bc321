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
function lookup(variables: Record<string, unknown>, keys: readonly string[]): unknown {
  let current: unknown = variables;
  for (const key of keys) {
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

/** A placeholder, parsed once: `path` as written (trimmed), its keys, and the fallback text if any. */
interface Tag {
  path: string;
  keys: string[];
  fallback: string | null;
}

/** Literal text and placeholders, alternating: parts[0] text, parts[1] tag, parts[2] text, … */
type Compiled = (string | Tag)[];

function compile(template: string): Compiled {
  const parts: Compiled = [];
  let text = "";
  let last = 0;
  for (const match of template.matchAll(TAG)) {
    const inner = match[1]!;
    const bar = inner.indexOf("|");
    const path = (bar === -1 ? inner : inner.slice(0, bar)).trim();
    text += template.slice(last, match.index);
    last = match.index + match[0].length;
    if (!PATH.test(path)) {
      text += match[0];
      continue;
    }
    parts.push(text, { path, keys: path.split("."), fallback: bar === -1 ? null : inner.slice(bar + 1).trim() });
    text = "";
  }
  parts.push(text + template.slice(last));
  return parts;
}

// Parsed templates by source text. The same few templates are rendered for every recipient, so parsing once
// makes a render a walk over the parts. Bounded; the oldest entry goes first. Invisible to callers.
const CACHE_SIZE = 64;
const cache = new Map<string, Compiled>();

function compiled(template: string): Compiled {
  let parts = cache.get(template);
  if (!parts) {
    parts = compile(template);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(template, parts);
  }
  return parts;
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
  const missing: string[] = [];
  const usedFallbacks: string[] = [];
  const html = mode === "html";
  const parts = compiled(template);
  let output = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const tag = parts[i] as Tag;
    const value = printable(lookup(variables, tag.keys));
    let rendered: string;
    if (value !== null) {
      rendered = value;
    } else if (tag.fallback === null) {
      if (!missing.includes(tag.path)) missing.push(tag.path);
      rendered = "";
    } else {
      if (!usedFallbacks.includes(tag.path)) usedFallbacks.push(tag.path);
      rendered = tag.fallback;
    }
    output += (html ? escapeHtml(rendered) : rendered) + (parts[i + 1] as string);
  }
  return { output, missing, usedFallbacks };
}
