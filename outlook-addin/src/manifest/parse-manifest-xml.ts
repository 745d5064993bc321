// Parses a manifest with saxes, a conformant XML 1.0 + namespaces parser: `--` inside a comment, an undeclared
// entity, an unbound prefix or bytes that are not the declared encoding stop it, as they stop Outlook's installer.
// (fast-xml-parser's validator accepts `--` in comments, which is how a broken manifest once passed.)
import { SaxesParser } from "saxes";

/** One parsed element: qualified name (prefix kept, e.g. "bt:Image"), namespace URI, attributes, text, children. */
export interface XmlNode {
  name: string;
  uri: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
}

export type ParsedXml = { ok: true; root: XmlNode } | { ok: false; error: string };

/**
 * Manifests are UTF-8 (the only encoding the generator writes, and what Office expects): the XML declaration must
 * say so, and bytes must decode as UTF-8. A string is taken as already decoded.
 */
function decode(xml: string | Uint8Array): { text: string } | { error: string } {
  const head = typeof xml === "string" ? xml.slice(0, 200) : Buffer.from(xml.subarray(0, 200)).toString("latin1");
  const declared = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']/.exec(head)?.[1];
  if (declared !== undefined && declared.toUpperCase() !== "UTF-8")
    return { error: `The XML declaration says encoding="${declared}"; the manifest must be UTF-8 (encoding="UTF-8").` };
  if (typeof xml === "string") return { text: xml };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(xml) };
  } catch {
    const lenient = new TextDecoder("utf-8").decode(xml);
    const line = lenient.slice(0, lenient.indexOf("\uFFFD")).split("\n").length;
    return { error: `The manifest is not valid UTF-8 (line ${line}): save it as UTF-8.` };
  }
}

export function parseManifestXml(xml: string | Uint8Array): ParsedXml {
  const decoded = decode(xml);
  if ("error" in decoded) return { ok: false, error: decoded.error };
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  let error: string | undefined;
  parser.on("opentag", (tag) => {
    const attrs: Record<string, string> = {};
    for (const [qname, attr] of Object.entries(tag.attributes)) attrs[qname] = attr.value;
    const node: XmlNode = { name: tag.name, uri: tag.uri, attrs, text: "", children: [] };
    const parent = stack.at(-1);
    if (parent) parent.children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on("text", (text) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  });
  parser.on("cdata", (text) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  });
  parser.on("closetag", () => {
    const node = stack.pop();
    if (node) node.text = node.text.trim();
  });
  parser.on("error", (err) => {
    // saxes messages start with "file:line:column: "; keep the first error only, it is the one to fix.
    error ??= err.message;
    throw err;
  });
  try {
    parser.write(decoded.text).close();
  } catch (err) {
    error ??= (err as Error).message;
  }
  if (error) {
    const [, line, column, message] = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(error) ?? [];
    return {
      ok: false,
      error: line
        ? `The manifest is not well-formed XML (line ${line}, column ${column}): ${message}`
        : `The manifest is not well-formed XML: ${error}`,
    };
  }
  if (!root) return { ok: false, error: "The manifest has no root element." };
  return { ok: true, root };
}
