// Fills the manifest template for one environment. Pure: the template text comes in, the manifest text goes out.
import { createHash } from "node:crypto";

export interface GenerateManifestInput {
  template: string;
  /** https origin (optionally with a path) where the built pane is served, e.g. https://addin.example.com. */
  url: string;
  /** The add-in's GUID. Default: derived from the URL, so each environment keeps one stable id. */
  id?: string;
  /** Four-part manifest version, e.g. 1.0.0.0. */
  version?: string;
  displayName?: string;
  provider?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A name-based (UUID v5 layout, SHA-1) GUID: the same URL always gives the same add-in id. */
export function guidFromUrl(url: string): string {
  const hash = createHash("sha1").update(`threadline-outlook-addin:${url}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Checks the URL the pane is served from: https only, no query or fragment; returns it without a trailing slash. */
export function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`--url "${raw}" is not a URL; give the https address the pane is served from.`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`--url must use https (Office loads add-ins only over https); got ${url.protocol}//.`);
  }
  if (url.search || url.hash) throw new Error("--url must not contain a query string or a fragment.");
  if (url.username || url.password) throw new Error("--url must not contain credentials.");
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

export function generateManifest(input: GenerateManifestInput): string {
  const baseUrl = normalizeBaseUrl(input.url);
  const id = input.id ?? guidFromUrl(baseUrl);
  if (!GUID.test(id)) throw new Error(`--id "${id}" is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).`);
  const version = input.version ?? "1.0.0.0";
  if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(version)) throw new Error(`--version "${version}" must look like 1.0.0.0.`);
  const values: Record<string, string> = {
    ID: id,
    VERSION: version,
    BASE_URL: baseUrl,
    ORIGIN: new URL(baseUrl).origin,
    DISPLAY_NAME: input.displayName ?? "Threadline",
    PROVIDER: input.provider ?? "Threadline",
  };
  const out = input.template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`The manifest template uses an unknown placeholder ${whole}.`);
    return escapeXml(value);
  });
  return out;
}
