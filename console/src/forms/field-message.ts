/**
 * A field's error as a sentence. The shared schemas word their messages to follow the field's name ("is not a valid
 * email address", "must be at least 10 characters"), so those get the label in front; others stand alone.
 */
export function fieldMessage({ label, message }: { label: string; message: string }): string {
  return /^[a-z]/.test(message) ? `${label} ${message}` : message;
}
