// Flat `{ "company.name": "Acme" }` (as typed in a form) to the nested shape templates read (`{{company.name}}`).
const UNSAFE = new Set(["__proto__", "constructor", "prototype"]);

export function nestVariables(flat: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(flat)) {
    const keys = path.split(".").map((k) => k.trim());
    if (keys.some((k) => !k || UNSAFE.has(k))) continue;
    let node = out;
    for (const key of keys.slice(0, -1)) {
      const next = node[key];
      node = (next && typeof next === "object" ? next : (node[key] = {})) as Record<string, unknown>;
    }
    node[keys.at(-1)!] = value;
  }
  return out;
}
