import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { checkManifest } from "./check-manifest";
import { generateManifest, guidFromUrl, normalizeBaseUrl } from "./generate-manifest";

const template = readFileSync(new URL("../../manifest/manifest.template.xml", import.meta.url), "utf8");
const assetsDir = fileURLToPath(new URL("../../assets", import.meta.url));
const good = generateManifest({ template, url: "https://addin.example.com/pane/" });
const check = (xml: string) => checkManifest({ xml, assetsDir });

describe("generateManifest", () => {
  test("fills every placeholder, with a stable GUID per URL", () => {
    expect(good).not.toMatch(/\{\{/);
    expect(good).toContain(`<Id>${guidFromUrl("https://addin.example.com/pane")}</Id>`);
    expect(good).toContain('<SourceLocation DefaultValue="https://addin.example.com/pane/taskpane.html?mode=read"/>');
    expect(good).toContain("<AppDomain>https://addin.example.com</AppDomain>");
    expect(guidFromUrl("https://a.example")).not.toBe(guidFromUrl("https://b.example"));
    expect(guidFromUrl("https://a.example")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test("escapes values for XML", () => {
    const xml = generateManifest({ template, url: "https://a.example", displayName: 'A & "B" <C>' });
    expect(xml).toContain('DefaultValue="A &amp; &quot;B&quot; &lt;C&gt;"');
    expect(check(xml)).toEqual([]);
  });

  test.each([
    ["http://addin.example.com", /https/],
    ["not a url", /not a URL/],
    ["https://a.example/?x=1", /query/],
    ["https://user:pw@a.example", /credentials/],
  ])("refuses --url %s", (url, message) => {
    expect(() => normalizeBaseUrl(url)).toThrow(message);
  });

  test("refuses an id that is not a GUID", () => {
    expect(() => generateManifest({ template, url: "https://a.example", id: "threadline" })).toThrow(/GUID/);
  });
});

describe("checkManifest", () => {
  test("the generated manifest passes", () => {
    expect(check(good)).toEqual([]);
  });

  // Each broken manifest must fail with a message naming the problem.
  test.each<[string, (xml: string) => string, RegExp]>([
    ["not well-formed", (x) => x.replace("</Permissions>", "</Permission>"), /not well-formed XML \(line \d+/],
    ["root is not a MailApp", (x) => x.replace('xsi:type="MailApp"', 'xsi:type="TaskPaneApp"'), /MailApp/],
    ["id is not a GUID", (x) => x.replace(/<Id>[^<]+<\/Id>/, "<Id>threadline</Id>"), /<Id> must be a GUID/],
    [
      "undefined resid",
      (x) => x.replace('<Label resid="ComposeButton.Label"/>', '<Label resid="Nope.Label"/>'),
      /resid="Nope.Label".*not defined/,
    ],
    [
      "resid of the wrong kind",
      (x) => x.replace('<SourceLocation resid="Taskpane.Read.Url"/>', '<SourceLocation resid="Group.Label"/>'),
      /must refer to Urls, but "Group.Label" is in ShortStrings/,
    ],
    [
      "resid only defined in the other override",
      (x) => x.replace('<bt:Image size="25" scale="1" resid="Icon.25"/>', '<bt:Image size="25" scale="1" resid="Icon.Missing"/>'),
      /VersionOverridesV1_1: <bt:Image resid="Icon.Missing">/,
    ],
    [
      "duplicate resource id",
      (x) => x.replace('<bt:String id="ComposeButton.Label"', '<bt:String id="ReadButton.Label"'),
      /defined twice/,
    ],
    [
      "http URL",
      (x) => x.replace("https://addin.example.com/pane/commands.html", "http://addin.example.com/pane/commands.html"),
      /non-https URL: http:\/\/addin/,
    ],
    [
      "ShortString over 125",
      (x) => x.replace('DefaultValue="Contact card"', `DefaultValue="${"x".repeat(126)}"`),
      /ShortStrings "ReadButton.Label" is 126 characters; the limit is 125/,
    ],
    [
      "LongString over 250",
      (x) => x.replace(/DefaultValue="Show the sender's[^"]*"/, `DefaultValue="${"y".repeat(251)}"`),
      /LongStrings "ReadButton.Tooltip" is 251 characters; the limit is 250/,
    ],
    [
      "top requirement not 1.1",
      (x) => x.replace('<Set Name="Mailbox" MinVersion="1.1"/>', '<Set Name="Mailbox" MinVersion="1.3"/>'),
      /must be 1\.1/,
    ],
    ["V1_1 below Mailbox 1.5", (x) => x.replace('DefaultMinVersion="1.5"', 'DefaultMinVersion="1.4"'), /Mailbox 1\.5 or later/],
    ["no AppendOnSend", (x) => x.replace("<ExtendedPermission>AppendOnSend</ExtendedPermission>", ""), /AppendOnSend/],
    [
      "pinning in V1_0",
      (x) =>
        x.replace(
          '<SourceLocation resid="Taskpane.Compose.Url"/>\n                  </Action>',
          '<SourceLocation resid="Taskpane.Compose.Url"/><SupportsPinning>true</SupportsPinning></Action>',
        ),
      /SupportsPinning> is only valid in VersionOverridesV1_1/,
    ],
    [
      "ReadItem only",
      (x) => x.replace("<Permissions>ReadWriteItem</Permissions>", "<Permissions>ReadItem</Permissions>"),
      /ReadWriteItem/,
    ],
    [
      "compose rule missing",
      (x) => x.replace('<Rule xsi:type="ItemIs" ItemType="Message" FormType="Edit"/>', ""),
      /Read OR Edit/,
    ],
    [
      "no mobile surface",
      (x) => x.replace('xsi:type="MobileMessageReadCommandSurface"', 'xsi:type="CustomPane"'),
      /MobileMessageReadCommandSurface/,
    ],
    ["missing icon file", (x) => x.replace("assets/icon-48.png", "assets/icon-49.png"), /Icon icon-49\.png .* does not exist/],
    [
      "image outside assets/",
      (x) => x.replace("pane/assets/icon-16.png", "pane/icon-16.png"),
      /not served from the pane's assets/,
    ],
  ])("fails: %s", (_name, breakIt, message) => {
    const broken = breakIt(good);
    expect(broken).not.toBe(good);
    const errors = check(broken);
    expect(errors.join("\n")).toMatch(message);
  });

  // Well-formedness is XML 1.0's, as strict as Outlook's installer. Each case is also refused by libxml2
  // (`xmllint --noout`, a second conformant parser), so the check cannot drift from a real parser.
  const utf8 = (x: string) => new TextEncoder().encode(x);
  const latin1 = (x: string) => Uint8Array.from(Buffer.from(x, "latin1"));
  test.each<[string, (xml: string) => Uint8Array, RegExp]>([
    [
      "two hyphens inside a comment (the template's old --url)",
      (x) => utf8(x.replace("<Permissions>", "<!-- generate with --url https://x --><Permissions>")),
      /not well-formed XML \(line \d+, column \d+\): malformed comment/,
    ],
    ["a comment ending in --->", (x) => utf8(x.replace("<Permissions>", "<!-- note ---><Permissions>")), /malformed comment/],
    ["an undeclared entity (&nbsp;)", (x) => utf8(x.replace("Contact card", "Contact&nbsp;card")), /undefined entity/],
    ["a bare ampersand", (x) => utf8(x.replace("Contact card", "Contact & card")), /not well-formed XML/],
    [
      "Latin-1 bytes in a file that says UTF-8",
      (x) => latin1(x.replace("Contact card", "Carte de contact é")),
      /not valid UTF-8 \(line \d+\)/,
    ],
    [
      "declared UTF-16, bytes are UTF-8",
      (x) => utf8(x.replace('encoding="UTF-8"', 'encoding="UTF-16"')),
      /encoding="UTF-16"; the manifest must be UTF-8/,
    ],
  ])("not well-formed: %s (saxes and xmllint both refuse it)", (_name, breakIt, message) => {
    const bytes = breakIt(good);
    expect(Buffer.from(bytes).equals(Buffer.from(good))).toBe(false);
    expect(checkManifest({ xml: bytes, assetsDir }).join("\n")).toMatch(message);
    expect(xmllint(bytes).ok).toBe(false);
  });

  test("an unbound namespace prefix fails (libxml2 only warns about it)", () => {
    expect(check(good.replace("<Permissions>", "<x:Note/><Permissions>")).join("\n")).toMatch(/unbound namespace prefix: "x"/);
  });

  test("a declared encoding other than UTF-8 fails even when libxml2 would read it", () => {
    const xml = latin1(good.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace("Contact card", "Carte é"));
    expect(checkManifest({ xml, assetsDir }).join("\n")).toMatch(/encoding="ISO-8859-1"; the manifest must be UTF-8/);
  });

  test.each<[string, (xml: string) => string, RegExp]>([
    [
      "children out of schema order",
      (x) => x.replace(/(<Permissions>.*<\/Permissions>)\s*(<Rule[\s\S]*?<\/Rule>)/, "$2$1"),
      /<Permissions> is out of order/,
    ],
    [
      "a required child missing",
      (x) => x.replace(/<DefaultLocale>[^<]*<\/DefaultLocale>/, ""),
      /missing the required <DefaultLocale>/,
    ],
    ["a child the schema does not know", (x) => x.replace("<Permissions>", "<Extra/><Permissions>"), /may not contain <Extra>/],
    [
      "the wrong root namespace",
      (x) =>
        x.replace(
          'xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"',
          'xmlns="http://schemas.microsoft.com/office/appforoffice/1.0"',
        ),
      /must be in the namespace http:\/\/schemas.microsoft.com\/office\/appforoffice\/1.1/,
    ],
    [
      "V1_1 override in the V1_0 namespace",
      (x) =>
        x.replace(
          'xmlns="http://schemas.microsoft.com/office/mailappversionoverrides/1.1"',
          'xmlns="http://schemas.microsoft.com/office/mailappversionoverrides"',
        ),
      /VersionOverridesV1_1"> must be in http:\/\/schemas.microsoft.com\/office\/mailappversionoverrides\/1.1/,
    ],
  ])("fails the schema structure: %s", (_name, breakIt, message) => {
    const broken = breakIt(good);
    expect(broken).not.toBe(good);
    expect(check(broken).join("\n")).toMatch(message);
  });

  test("the template itself and the generated manifest pass xmllint --noout", () => {
    expect(xmllint(utf8(template))).toEqual({ ok: true, stderr: "" });
    expect(xmllint(utf8(good))).toEqual({ ok: true, stderr: "" });
    expect(template.slice(template.indexOf("<!--") + 4, template.indexOf("-->"))).not.toContain("--");
  });

  test("an icon whose pixels do not match its name fails, and a non-PNG fails", () => {
    const dir = mkdtempSync(join(tmpdir(), "tl-icons-"));
    try {
      cpSync(assetsDir, dir, { recursive: true });
      copyFileSync(join(dir, "icon-32.png"), join(dir, "icon-16.png"));
      writeFileSync(join(dir, "icon-48.png"), "GIF89a not a png");
      const errors = checkManifest({ xml: good, assetsDir: dir }).join("\n");
      expect(errors).toMatch(/icon-16\.png is 32×32; its name says 16×16/);
      expect(errors).toMatch(/icon-48\.png is not a PNG/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** libxml2's verdict on the bytes (Debian libxml2-utils; .ci/run and scripts/ensure-chromium.mjs install it). */
function xmllint(bytes: Uint8Array): { ok: boolean; stderr: string } {
  const run = spawnSync("xmllint", ["--noout", "-"], { input: bytes, encoding: "utf8" });
  if (run.error) throw new Error(`xmllint is needed by this test (apt-get install libxml2-utils): ${run.error.message}`);
  return { ok: run.status === 0, stderr: run.stderr };
}
