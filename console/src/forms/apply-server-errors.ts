import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { fieldErrorsOf, toConsoleFailure } from "../api/api-call";

/**
 * Puts the server's per-field messages (a 400's details.fields) next to the fields they name; returns the
 * message for the form as a whole, or null when every problem was shown at a field.
 */
export function applyServerErrors<T extends FieldValues>({
  error,
  fields,
  setError,
}: {
  error: unknown;
  /** The form's field names: a server path outside them stays in the form-level message. */
  fields: readonly Path<T>[];
  setError: UseFormSetError<T>;
}): string | null {
  const byField = fieldErrorsOf(error);
  let unplaced = false;
  for (const [path, message] of Object.entries(byField)) {
    const field = fields.find((f) => f === path);
    if (field) setError(field, { type: "server", message });
    else unplaced = true;
  }
  if (Object.keys(byField).length > 0 && !unplaced) return null;
  return toConsoleFailure(error).message;
}
