import { isFreeMailDomain } from "./free-mail-domains";

export interface SuggestedContact {
  email: string;
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  companyDomain: string | null;
  companyName: string | null;
}

/** "acme-tools.co.uk" → "Acme Tools": a readable default company name from a domain. */
export function companyNameFromDomain(domain: string): string {
  const label = domain.split(".")[0] ?? domain;
  return label
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}

const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

function splitName(name: string): { firstName: string | null; lastName: string | null } {
  // "Wei, Li" (Last, First) as many mail clients and CRMs write it.
  const comma = /^([^,]+),\s*([^,]+)$/.exec(name);
  if (comma) return { firstName: comma[2]!.trim(), lastName: comma[1]!.trim() };
  const parts = name.split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { firstName: null, lastName: null };
  if (parts.length === 1) return { firstName: parts[0]!, lastName: null };
  return { firstName: parts[0]!, lastName: parts.slice(1).join(" ") };
}

/**
 * A contact to offer for an address the workspace does not know yet: names from the display name the mail client
 * shows ("Li Wei", "Wei, Li", "\"Carter, John\""), else from a `first.last@` local part; the company from the
 * domain unless it is a free-mail/ISP domain (`knownCompanyName` when the workspace already has that company).
 */
export function suggestContact(input: {
  email: string;
  displayName: string | null;
  knownCompanyName: string | null;
}): SuggestedContact {
  const email = input.email.trim().toLowerCase();
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const cleaned = (input.displayName ?? "")
    .trim()
    .replace(/^["']+|["']+$/g, "")
    .trim();
  // A display name that is just the address again says nothing.
  const displayName = cleaned && cleaned.toLowerCase() !== email && !cleaned.includes("@") ? cleaned : null;
  let names: { firstName: string | null; lastName: string | null } = { firstName: null, lastName: null };
  if (displayName) {
    names = splitName(displayName);
  } else {
    const m = /^([a-z]{2,})[._-]([a-z]{2,})$/.exec(local);
    if (m) names = { firstName: capitalise(m[1]!), lastName: capitalise(m[2]!) };
  }
  const company = isFreeMailDomain(domain) ? null : domain;
  return {
    email,
    displayName,
    ...names,
    companyDomain: company,
    companyName: company ? (input.knownCompanyName ?? companyNameFromDomain(company)) : null,
  };
}
