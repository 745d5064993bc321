import { contactWriteSchema, type ContactWrite } from "../schemas/contact";
import type { ImportField } from "../schemas/import";
import { countryCodeFromName } from "./country-code-from-name";

export type ImportRowResult =
  { ok: true; contact: ContactWrite; company: string | null } | { ok: false; errors: { field: string; message: string }[] };

const splitTags = (v: string) =>
  v
    .split(/[,;，；|]/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * One CSV record (header → cell) to a contact, validated by the shared contact schema. Empty cells are
 * absent (an update never blanks a field); batch tags and source are added; a country name becomes its code.
 */
export function importRowToContact({
  record,
  mapping,
  tags,
  source,
}: {
  record: Record<string, string | undefined>;
  mapping: Record<string, ImportField>;
  tags: readonly string[];
  source: string | null;
}): ImportRowResult {
  const fields: Partial<Record<ImportField, string>> = {};
  for (const [header, field] of Object.entries(mapping)) {
    const cell = record[header]?.trim();
    if (field === "ignore" || !cell) continue;
    fields[field] = fields[field] ? `${fields[field]} ${cell}` : cell;
  }
  if (!fields.email) return { ok: false, errors: [{ field: "email", message: "is empty" }] };
  const rowTags = fields.tags ? splitTags(fields.tags) : [];
  const candidate: Record<string, unknown> = {
    email: fields.email,
    firstName: fields.firstName,
    lastName: fields.lastName,
    displayName: fields.displayName,
    title: fields.title,
    phone: fields.phone,
    country: fields.country ? (countryCodeFromName({ value: fields.country }) ?? fields.country) : undefined,
    language: fields.language,
    timeZone: fields.timeZone,
    stage: fields.stage?.toLowerCase(),
    tags: [...new Set([...tags, ...rowTags])],
    source: source ?? undefined,
    customFields: fields.company ? { company: fields.company } : undefined,
  };
  for (const k of Object.keys(candidate)) if (candidate[k] === undefined) delete candidate[k];
  const parsed = contactWriteSchema.safeParse(candidate);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({ field: i.path.map(String).join(".") || "row", message: i.message })),
    };
  }
  return { ok: true, contact: parsed.data, company: fields.company ?? null };
}
