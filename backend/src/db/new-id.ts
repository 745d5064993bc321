import { randomBytes } from "node:crypto";

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

/** Prefixed id, sortable by creation time: `ct_` + 9 base36 chars of ms time + 12 random base36 chars. */
export function newId(prefix: string, now = Date.now()): string {
  const time = now.toString(36).padStart(9, "0");
  const bytes = randomBytes(12);
  let rand = "";
  for (const b of bytes) rand += alphabet[b % 36];
  return `${prefix}_${time}${rand}`;
}
