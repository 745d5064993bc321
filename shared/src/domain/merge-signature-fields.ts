import type { SignatureFields } from "./parse-signature";

/**
 * The signature's fields laid over what the rep already has: a field is filled only where it is empty (null, undefined
 * or blank), so parsing never overwrites a value someone typed.
 */
export function mergeSignatureFields<T extends Partial<Record<keyof SignatureFields, string | null>>>(input: {
  current: T;
  parsed: SignatureFields;
}): T & Partial<SignatureFields> {
  const out: T & Partial<SignatureFields> = { ...input.current };
  for (const key of ["title", "phone", "company", "website"] as const) {
    const have = input.current[key];
    const found = input.parsed[key];
    if ((have === undefined || have === null || have.trim() === "") && found) out[key] = found;
  }
  return out;
}
