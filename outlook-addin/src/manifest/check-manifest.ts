// Offline checks of an XML add-in-only manifest for Outlook (Microsoft's validator needs the internet, and it
// misses undefined resids). Returns every problem found, each as a sentence a person can act on.
// Microsoft publishes the manifest XSDs only inside the [MS-OWEMXML] document, not as a package on the npm
// registry, so instead of XSD validation the structure the schema requires of a MailApp is checked here
// (namespaces, the order and count of <OfficeApp>'s children, enumerations) on top of a conformant parse.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseManifestXml, type XmlNode } from "./parse-manifest-xml";

export interface CheckManifestInput {
  /** The manifest text, or its bytes (then the bytes must be valid UTF-8). */
  xml: string | Uint8Array;
  /** Folder holding the icons; an image URL .../assets/icon-16.png must exist there as icon-16.png. */
  assetsDir: string;
}

type Node = XmlNode;

const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  v10: "http://schemas.microsoft.com/office/mailappversionoverrides",
  v11: "http://schemas.microsoft.com/office/mailappversionoverrides/1.1",
};

/** <OfficeApp xsi:type="MailApp">'s children in schema order (OfficeApp then MailApp sequence), [name, min, max]. */
const MAIL_APP_SEQUENCE: [string, number, number][] = [
  ["Id", 1, 1],
  ["AlternateId", 0, 1],
  ["Version", 1, 1],
  ["ProviderName", 1, 1],
  ["DefaultLocale", 1, 1],
  ["DisplayName", 1, 1],
  ["Description", 1, 1],
  ["IconUrl", 0, 1],
  ["HighResolutionIconUrl", 0, 1],
  ["SupportUrl", 0, 1],
  ["AppDomains", 0, 1],
  ["Hosts", 0, 1],
  ["Requirements", 1, 1],
  ["FormSettings", 1, 1],
  ["Permissions", 0, 1],
  ["Rule", 1, 1],
  ["DisableEntityHighlighting", 0, 1],
  ["VersionOverrides", 0, 1],
];

/** Problems with the order and count of the root's children, against MAIL_APP_SEQUENCE. */
function sequenceErrors(root: Node): string[] {
  const errors: string[] = [];
  let at = 0;
  const counts = new Map<string, number>();
  for (const c of root.children) {
    const index = MAIL_APP_SEQUENCE.findIndex(([name]) => name === c.name);
    if (index < 0) {
      errors.push(`<OfficeApp> may not contain <${c.name}> (not in the MailApp schema).`);
      continue;
    }
    if (index < at) errors.push(`<${c.name}> is out of order: the schema puts it before <${MAIL_APP_SEQUENCE[at]![0]}>.`);
    at = Math.max(at, index);
    counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
  }
  for (const [name, min, max] of MAIL_APP_SEQUENCE) {
    const n = counts.get(name) ?? 0;
    if (n < min) errors.push(`<OfficeApp> is missing the required <${name}>.`);
    if (n > max) errors.push(`<${name}> appears ${n} times; the schema allows ${max}.`);
  }
  return errors;
}

/** Elements must sit in the namespace of their part: OfficeApp 1.1, basic types (bt:), or their VersionOverrides. */
function namespaceErrors(root: Node): string[] {
  const errors: string[] = [];
  if (root.uri !== NS.app) errors.push(`<OfficeApp> must be in the namespace ${NS.app}; got "${root.uri}".`);
  for (const [n] of walk(root)) {
    if (n.name.startsWith("bt:") && n.uri !== NS.bt) errors.push(`<${n.name}> must use the prefix bound to ${NS.bt}.`);
    if (n.name !== "VersionOverrides") continue;
    const want = n.attrs["xsi:type"] === "VersionOverridesV1_1" ? NS.v11 : NS.v10;
    if (n.uri !== want)
      errors.push(`<VersionOverrides xsi:type="${n.attrs["xsi:type"] ?? ""}"> must be in ${want}; got "${n.uri}".`);
  }
  return errors;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;
const MAX_SHORT = 125;
const MAX_LONG = 250;

type ResourceKind = "bt:Images" | "bt:Urls" | "bt:ShortStrings" | "bt:LongStrings";
/** Which resource section a resid on a given element must point into. */
function expectedKind(element: string, parent: string | undefined): ResourceKind {
  if (element === "bt:Image") return "bt:Images";
  if (element === "SourceLocation" || element === "FunctionFile") return "bt:Urls";
  if (element === "Description" && parent === "Supertip") return "bt:LongStrings";
  return "bt:ShortStrings";
}

function* walk(node: Node, parents: Node[] = []): Generator<[Node, Node[]]> {
  yield [node, parents];
  for (const child of node.children) yield* walk(child, [...parents, node]);
}

/** Like walk, but stops at nested <VersionOverrides>: each override is its own scope for resids. */
function* walkScope(scope: Node, parents: Node[] = []): Generator<[Node, Node[]]> {
  yield [scope, parents];
  for (const child of scope.children) {
    if (child.name !== "VersionOverrides") yield* walkScope(child, [...parents, scope]);
  }
}

const child = (node: Node | undefined, name: string) => node?.children.find((c) => c.name === name);
const children = (node: Node | undefined, name: string) => node?.children.filter((c) => c.name === name) ?? [];

function versionAtLeast(actual: string | undefined, min: string): boolean {
  if (!actual) return false;
  const a = actual.split(".").map(Number);
  const b = min.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

/** Width and height from a PNG's IHDR, or null when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature)) return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export function checkManifest({ xml, assetsDir }: CheckManifestInput): string[] {
  const parsed = parseManifestXml(xml);
  if (!parsed.ok) return [parsed.error];
  const { root } = parsed;
  const errors: string[] = [];
  if (root.name !== "OfficeApp") return ["The root element must be <OfficeApp>."];
  errors.push(...namespaceErrors(root), ...sequenceErrors(root));
  if (root.attrs["xsi:type"] !== "MailApp")
    errors.push(`<OfficeApp> must have xsi:type="MailApp" (got "${root.attrs["xsi:type"] ?? ""}").`);

  const id = child(root, "Id")?.text ?? "";
  if (!GUID.test(id)) errors.push(`<Id> must be a GUID; got "${id}".`);
  const version = child(root, "Version")?.text ?? "";
  if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(version)) errors.push(`<Version> must look like 1.0.0.0; got "${version}".`);
  for (const [name, max] of [
    ["DisplayName", MAX_SHORT],
    ["Description", MAX_LONG],
  ] as const) {
    const value = child(root, name)?.attrs.DefaultValue;
    if (!value) errors.push(`<${name} DefaultValue="…"> is required.`);
    else if (value.length > max) errors.push(`<${name}> is ${value.length} characters; the limit is ${max}.`);
  }

  // Requirement sets: Mailbox 1.1 at the top; the V1_1 override needs Mailbox 1.5 (pinning, ItemChanged).
  const topSet = children(child(child(root, "Requirements"), "Sets"), "Set").find((s) => s.attrs.Name === "Mailbox");
  if (!topSet) errors.push('<Requirements> must declare <Set Name="Mailbox" MinVersion="1.1"/>.');
  else if (topSet.attrs.MinVersion !== "1.1")
    errors.push(`The top-level Mailbox requirement must be 1.1 (reach every client); got ${topSet.attrs.MinVersion ?? "none"}.`);
  const permissions = child(root, "Permissions")?.text;
  if (permissions !== "ReadWriteItem")
    errors.push(`<Permissions> must be ReadWriteItem (inserting into the body needs write access); got "${permissions ?? ""}".`);
  const rule = child(root, "Rule");
  const ruleForms = [...walk(rule ?? { name: "", uri: "", attrs: {}, text: "", children: [] })]
    .map(([n]) => n)
    .filter((n) => n.attrs["xsi:type"] === "ItemIs" && n.attrs.ItemType === "Message")
    .map((n) => n.attrs.FormType);
  if (
    !rule ||
    (rule.attrs["xsi:type"] === "RuleCollection" && rule.attrs.Mode !== "Or") ||
    !ruleForms.includes("Read") ||
    !ruleForms.includes("Edit")
  ) {
    errors.push('<Rule> must activate on messages in Read OR Edit form (RuleCollection Mode="Or" with both ItemIs rules).');
  }

  const v10 = child(root, "VersionOverrides");
  const v11 = child(v10, "VersionOverrides");
  if (!v10 || v10.attrs["xsi:type"] !== "VersionOverridesV1_0")
    errors.push('<VersionOverrides xsi:type="VersionOverridesV1_0"> is missing.');
  if (!v11 || v11.attrs["xsi:type"] !== "VersionOverridesV1_1")
    errors.push('A nested <VersionOverrides xsi:type="VersionOverridesV1_1"> is missing (needed for pinning and mobile).');
  if (v11) {
    const sets = child(child(v11, "Requirements"), "bt:Sets");
    const mailbox = children(sets, "bt:Set").find((s) => s.attrs.Name === "Mailbox");
    const min = mailbox?.attrs.MinVersion ?? sets?.attrs.DefaultMinVersion;
    if (!mailbox || !versionAtLeast(min, "1.5"))
      errors.push(`The VersionOverridesV1_1 must require Mailbox 1.5 or later (pinning, ItemChanged); got ${min ?? "none"}.`);
    const surfaces = [...walk(v11)].map(([n]) => n.attrs["xsi:type"]);
    for (const s of ["MessageReadCommandSurface", "MessageComposeCommandSurface", "MobileMessageReadCommandSurface"]) {
      if (!surfaces.includes(s)) errors.push(`The VersionOverridesV1_1 has no ${s} extension point.`);
    }
    const pinned = [...walk(v11)].filter(([n]) => n.name === "SupportsPinning" && n.text === "true").length;
    if (pinned === 0) errors.push("No ShowTaskpane action in VersionOverridesV1_1 sets <SupportsPinning>true</SupportsPinning>.");
    const appendOnSend = children(child(v11, "ExtendedPermissions"), "ExtendedPermission").some((p) => p.text === "AppendOnSend");
    if (!appendOnSend)
      errors.push(
        "<ExtendedPermissions> in VersionOverridesV1_1 must list AppendOnSend (the tracking pixel is appended on send).",
      );
  }
  // Elements of schema 1.1 are invalid in the V1_0 part.
  if (v10) {
    for (const [n] of walkScope(v10)) {
      if (["SupportsPinning", "MobileFormFactor", "ExtendedPermissions"].includes(n.name)) {
        errors.push(`<${n.name}> is only valid in VersionOverridesV1_1, not in the V1_0 part.`);
      }
    }
  }

  // Every resid must be defined in its own VersionOverrides' <Resources>, in the right section, and ids be unique.
  for (const scope of [v10, v11]) {
    if (!scope) continue;
    const label = scope.attrs["xsi:type"] ?? "VersionOverrides";
    const resources = child(scope, "Resources");
    const defined = new Map<string, ResourceKind>();
    for (const kind of ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"] as const) {
      for (const entry of child(resources, kind)?.children ?? []) {
        const rid = entry.attrs.id;
        if (!rid) continue;
        if (defined.has(rid)) errors.push(`${label}: resource id "${rid}" is defined twice.`);
        defined.set(rid, kind);
        const values = [
          entry.attrs.DefaultValue,
          ...entry.children.filter((c) => c.name === "bt:Override").map((c) => c.attrs.Value),
        ];
        const max = kind === "bt:ShortStrings" ? MAX_SHORT : kind === "bt:LongStrings" ? MAX_LONG : Infinity;
        for (const value of values) {
          if (value !== undefined && value.length > max) {
            errors.push(`${label}: ${kind.slice(3)} "${rid}" is ${value.length} characters; the limit is ${max}.`);
          }
        }
      }
    }
    for (const [n, parents] of walkScope(scope)) {
      const rid = n.attrs.resid;
      if (rid === undefined) continue;
      const kind = defined.get(rid);
      const want = expectedKind(n.name, parents.at(-1)?.name);
      if (!kind) errors.push(`${label}: <${n.name} resid="${rid}"> refers to a resource that is not defined in its <Resources>.`);
      else if (kind !== want)
        errors.push(`${label}: <${n.name} resid="${rid}"> must refer to ${want.slice(3)}, but "${rid}" is in ${kind.slice(3)}.`);
      if (rid.length > 32) errors.push(`${label}: resid "${rid}" is longer than 32 characters.`);
    }
  }

  // URLs: https only, everywhere (attributes and text).
  const imageUrls: string[] = [];
  for (const [n] of walk(root)) {
    const candidates = [n.text, ...Object.values(n.attrs)].filter((v) => URL_LIKE.test(v));
    for (const value of candidates) {
      if (/^http:\/\/schemas\.microsoft\.com\//.test(value) || value === "http://www.w3.org/2001/XMLSchema-instance") continue;
      if (!value.startsWith("https://")) errors.push(`<${n.name}> has a non-https URL: ${value}`);
      else if (!URL.canParse(value)) errors.push(`<${n.name}> has a malformed URL: ${value}`);
    }
    if ((n.name === "bt:Image" && n.attrs.id) || n.name === "IconUrl" || n.name === "HighResolutionIconUrl") {
      if (n.attrs.DefaultValue) imageUrls.push(n.attrs.DefaultValue);
    }
  }

  // Icons: each image URL .../assets/<file> must exist in assetsDir, be a PNG, and match the size in its name.
  for (const url of new Set(imageUrls)) {
    const file = /\/assets\/([A-Za-z0-9._-]+)$/.exec(URL.canParse(url) ? new URL(url).pathname : "")?.[1];
    if (!file) {
      errors.push(`Image ${url} is not served from the pane's assets/ folder, so it cannot be checked.`);
      continue;
    }
    const path = join(assetsDir, file);
    if (!existsSync(path)) {
      errors.push(`Icon ${file} (${url}) does not exist in ${assetsDir}.`);
      continue;
    }
    const size = pngSize(readFileSync(path));
    const named = /-(\d+)\.png$/.exec(file)?.[1];
    if (!size) errors.push(`Icon ${file} is not a PNG.`);
    else if (named && (size.width !== Number(named) || size.height !== Number(named))) {
      errors.push(`Icon ${file} is ${size.width}×${size.height}; its name says ${named}×${named}.`);
    }
  }
  return errors;
}
