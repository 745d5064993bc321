export interface ContactVariablesInput {
  contact: {
    email: string;
    firstName: string | null;
    lastName: string | null;
    displayName: string | null;
    title: string | null;
    phone: string | null;
    country: string | null;
    customFields: Record<string, string>;
  } | null;
  company: { name: string; domain: string } | null;
  sender: { name: string; email: string } | null;
  extra?: Record<string, unknown>;
}

// Keys that would touch Object.prototype when assigned; never copied from user data.
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Deep-merges plain objects (`extra: { sender: { name } }` keeps `sender.email`); anything else replaces. */
function merge(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(source)) {
    if (UNSAFE_KEYS.has(key)) continue;
    const existing = target[key];
    target[key] = isPlainObject(existing) && isPlainObject(value) ? merge({ ...existing }, value) : value;
  }
  return target;
}

function joinName(...parts: (string | null)[]): string | null {
  const joined = parts
    .map((part) => part?.trim() ?? "")
    .filter(Boolean)
    .join(" ");
  return joined === "" ? null : joined;
}

/**
 * The variables a template sees for one recipient: `{{first_name}}`, `{{company.name}}`, `{{sender.name}}`,
 * every custom field as `{{<key>}}` and `{{custom.<key>}}`; `extra` (ad-hoc values) wins over all of them.
 * Absent values are null so the renderer reports them as missing (or uses the fallback).
 */
export function contactVariables({ contact, company, sender, extra }: ContactVariablesInput): Record<string, unknown> {
  const custom: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(contact?.customFields ?? {})) {
    if (!UNSAFE_KEYS.has(key)) custom[key] = value;
  }
  // Custom fields first so a custom field named `email` cannot shadow the contact's real address.
  const variables: Record<string, unknown> = {
    ...custom,
    first_name: contact?.firstName ?? null,
    last_name: contact?.lastName ?? null,
    full_name: joinName(contact?.displayName ?? null) ?? joinName(contact?.firstName ?? null, contact?.lastName ?? null),
    email: contact?.email ?? null,
    title: contact?.title ?? null,
    phone: contact?.phone ?? null,
    country: contact?.country ?? null,
    company: company ? { name: company.name, domain: company.domain } : null,
    sender: sender ? { name: sender.name, email: sender.email } : null,
    custom,
  };
  return extra ? merge(variables, extra) : variables;
}
