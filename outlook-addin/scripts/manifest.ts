// Generates the manifest for one environment from manifest/manifest.template.xml, checks it offline, writes it.
//   pnpm --filter @threadline/outlook-addin manifest --url https://addin.example.com [--id GUID] [--version 1.0.0.0]
//     [--name "Threadline (staging)"] [--out path.xml]
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { checkManifest } from "../src/manifest/check-manifest";
import { generateManifest, normalizeBaseUrl } from "../src/manifest/generate-manifest";

const root = fileURLToPath(new URL("..", import.meta.url));

export function writeManifest(opts: { url: string; id?: string; version?: string; name?: string; out?: string }): string {
  const template = readFileSync(resolve(root, "manifest/manifest.template.xml"), "utf8");
  const xml = generateManifest({ template, url: opts.url, id: opts.id, version: opts.version, displayName: opts.name });
  const errors = checkManifest({ xml, assetsDir: resolve(root, "assets") });
  if (errors.length > 0) throw new Error(`The generated manifest fails the offline check:\n  ${errors.join("\n  ")}`);
  const host = new URL(normalizeBaseUrl(opts.url)).host.replace(/[^A-Za-z0-9.-]/g, "_");
  const out = resolve(opts.out ?? resolve(root, `manifests/manifest.${host}.xml`));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, xml);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== "--"),
    options: {
      url: { type: "string" },
      id: { type: "string" },
      version: { type: "string" },
      name: { type: "string" },
      out: { type: "string" },
    },
  });
  if (!values.url) {
    console.error("Usage: pnpm --filter @threadline/outlook-addin manifest --url https://your-host [--id GUID] [--out file.xml]");
    process.exit(2);
  }
  try {
    const out = writeManifest({ ...values, url: values.url });
    console.log(`Manifest for ${normalizeBaseUrl(values.url)} written to ${out} (offline check passed).`);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
