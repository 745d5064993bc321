// Makes the production build Web Store-clean before `plasmo package` zips it:
// drops the development `key` (it only pins the extension id for unpacked dev/test loads; the store assigns its own)
// and web-accessible entries that point at files the build does not contain.
// Usage: node store-manifest.mjs build/chrome-mv3-prod
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The manifest as the store should get it; `exists(file)` says whether a build file is present. */
export function storeManifest(manifest, exists) {
  const { key: _devKey, ...rest } = manifest;
  const resources = (rest.web_accessible_resources ?? [])
    .map((entry) => ({ ...entry, resources: entry.resources.filter((file) => exists(file)) }))
    .filter((entry) => entry.resources.length > 0);
  if (resources.length > 0) rest.web_accessible_resources = resources;
  else delete rest.web_accessible_resources;
  if (Array.isArray(rest.host_permissions) && rest.host_permissions.length === 0) delete rest.host_permissions;
  return rest;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? "build/chrome-mv3-prod";
  const file = join(dir, "manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8"));
  writeFileSync(file, JSON.stringify(storeManifest(manifest, (f) => existsSync(join(dir, f)))));
  console.log(`${file}: store-ready (no key, no dangling resources)`);
}
