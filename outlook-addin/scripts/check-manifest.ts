// Offline manifest check (CI runs the same checks through src/manifest/check-manifest.test.ts):
//   pnpm --filter @threadline/outlook-addin manifest:check [manifest.xml …]
// Without arguments: checks the template rendered for a sample URL, and dist/manifest.xml when built.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkManifest } from "../src/manifest/check-manifest";
import { generateManifest } from "../src/manifest/generate-manifest";

const root = fileURLToPath(new URL("..", import.meta.url));
const assetsDir = resolve(root, "assets");
const files = process.argv.slice(2).filter((a) => a !== "--");
const targets: { label: string; xml: string }[] = files.map((f) => ({ label: f, xml: readFileSync(f, "utf8") }));
if (targets.length === 0) {
  const template = readFileSync(resolve(root, "manifest/manifest.template.xml"), "utf8");
  targets.push({
    label: "template (https://addin.example.com)",
    xml: generateManifest({ template, url: "https://addin.example.com" }),
  });
  const built = resolve(root, "dist/manifest.xml");
  if (existsSync(built)) targets.push({ label: built, xml: readFileSync(built, "utf8") });
}
let failed = false;
for (const { label, xml } of targets) {
  const errors = checkManifest({ xml, assetsDir });
  if (errors.length === 0) console.log(`ok    ${label}`);
  else {
    failed = true;
    console.log(`FAIL  ${label}\n  ${errors.join("\n  ")}`);
  }
}
process.exit(failed ? 1 : 0);
