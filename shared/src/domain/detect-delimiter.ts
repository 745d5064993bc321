const candidates = [",", ";", "\t", "|"] as const;
export type Delimiter = (typeof candidates)[number];

/**
 * The delimiter of a CSV from its first line (quotes respected): the candidate that splits the header
 * into the most fields. Excel in many European locales writes ";", some exports use tabs.
 */
export function detectDelimiter({ firstLine }: { firstLine: string }): Delimiter {
  const counts = new Map<Delimiter, number>(candidates.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch as Delimiter)) counts.set(ch as Delimiter, counts.get(ch as Delimiter)! + 1);
  }
  let best: Delimiter = ",";
  for (const d of candidates) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}
