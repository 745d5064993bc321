import { randomBytes } from "node:crypto";

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
let lastMs = 0;
let seq = 0;

/**
 * Prefixed id, sortable by creation time: `ct_` + 9 base36 chars of ms time + 3 base36 chars of a per-process
 * sequence (so ids made in the same millisecond by one process keep their creation order) + 9 random chars.
 */
export function newId(prefix: string, now = Date.now()): string {
  if (now === lastMs) seq = (seq + 1) % 46656;
  else {
    lastMs = now;
    seq = 0;
  }
  const time = now.toString(36).padStart(9, "0");
  const counter = seq.toString(36).padStart(3, "0");
  let rand = "";
  for (const b of randomBytes(9)) rand += alphabet[b % 36];
  return `${prefix}_${time}${counter}${rand}`;
}
