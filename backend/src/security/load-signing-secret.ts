import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * `configured` when set; otherwise a secret generated on first start and kept in `dataDir/name` (mode 600),
 * so it survives restarts.
 */
export function loadPersistedSecret(opts: {
  configured?: string;
  dataDir: string;
  name: string;
  generate: () => string;
}): string {
  if (opts.configured) return opts.configured;
  const file = join(opts.dataDir, opts.name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(opts.dataDir, { recursive: true });
  const secret = opts.generate();
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** SIGNING_SECRET, or a random one kept in DATA_DIR so links already sent keep working across restarts. */
export function loadSigningSecret(opts: { configured?: string; dataDir: string }): string {
  return loadPersistedSecret({ ...opts, name: "signing-secret", generate: () => randomBytes(32).toString("base64url") });
}
