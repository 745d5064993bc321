// Instruments outgoing HTML for tracking: rewrites links to signed click tickets (one tracked_links row
// each, inserted in the caller's transaction) and appends the open pixel. The HTML is parsed with parse5
// (the WHATWG parser browsers use) with source locations, and only the href attributes and the pixel are
// spliced into the original text — the rest of the message stays byte-for-byte as written.
import { randomBytes } from "node:crypto";
import { parse, type DefaultTreeAdapterMap } from "parse5";
import type { Db } from "../db/client";
import { trackedLinks } from "../db/schema";
import { normaliseHttpUrl } from "@threadline/shared/domain/normalise-http-url";
import { signToken } from "../security/sign-token";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

export interface InstrumentHtmlInput {
  html: string;
  sendJobId: string;
  workspaceId: string;
  /** Public base URL of this server (PUBLIC_URL). */
  publicUrl: string;
  /** Base URL of the pixel and click links (TRACKING_PUBLIC_URL, e.g. the dedicated tracking server); default publicUrl. */
  trackingUrl?: string;
  signingSecret: string;
  trackOpens: boolean;
  trackClicks: boolean;
  /**
   * Destinations whose click is a buying signal (prefix match, e.g. "https://example.com/pricing"). A link
   * can also be marked in the template itself with a `data-buying-signal` attribute.
   */
  buyingSignalUrls?: string[];
  /** UTM parameters added to every tracked destination (existing ones in a link are kept). */
  utm?: Partial<Record<"utm_source" | "utm_medium" | "utm_campaign" | "utm_content" | "utm_term", string>>;
}

/** `lk_` + 128 random bits in hex: the tracked link's id, signed into the click ticket. */
const newLinkId = () => `lk_${randomBytes(16).toString("hex")}`;

const escapeAttr = (v: string) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

function isElement(node: Node): node is Element {
  return "tagName" in node;
}

function* elements(node: Node): Generator<Element> {
  if (isElement(node)) yield node;
  const children = "childNodes" in node ? node.childNodes : [];
  for (const child of children) yield* elements(child);
  if (isElement(node) && node.tagName === "template" && "content" in node) yield* elements(node.content as Node);
}

function normalisePrefix(url: string): string | null {
  return normaliseHttpUrl(url)?.replace(/\/$/, "") ?? null;
}

/** Why a link must stay as written (unsubscribe, mailto:, tel:, anchors, our own links …), or null to track it. */
function skipReason(el: Element, href: string, ownBases: string[]): string | null {
  const attr = (name: string) => el.attrs.some((a) => a.name === name);
  if (attr("data-unsubscribe") || attr("data-no-track") || attr("data-threadline-no-track")) return "opted out";
  const trimmed = href.trim();
  if (!trimmed || trimmed.startsWith("#")) return "anchor";
  if (/^(mailto|tel|sms|callto|javascript|data):/i.test(trimmed)) return "not http";
  // Only a destination that normalises to an absolute http(s) URL is tracked (and stored in that form).
  if (normaliseHttpUrl(trimmed) === null) return "relative, invalid or not http";
  if (ownBases.some((base) => trimmed.startsWith(`${base}/u/`) || trimmed.startsWith(`${base}/t/`))) return "our own link";
  // Unsubscribe links must work without us and must never be counted as clicks.
  if (/unsubscribe|abmelden|desinscri|darse-de-baja|opt-?out/i.test(trimmed)) return "unsubscribe";
  const rel = el.attrs.find((a) => a.name === "rel")?.value ?? "";
  if (/\bunsubscribe\b/i.test(rel)) return "unsubscribe";
  return null;
}

function withUtm(href: string, utm: InstrumentHtmlInput["utm"]): string {
  if (!utm) return href;
  const url = new URL(href);
  for (const [key, value] of Object.entries(utm)) {
    if (value && !url.searchParams.has(key)) url.searchParams.set(key, value);
  }
  return url.href;
}

/** Returns the instrumented HTML; the tracked_links rows are inserted with `tx` (the caller's transaction). */
export async function instrumentHtml(input: InstrumentHtmlInput, tx: Db | Tx): Promise<string> {
  const { html, publicUrl, signingSecret } = input;
  if (!input.trackOpens && !input.trackClicks) return html;
  const base = (input.trackingUrl ?? publicUrl).replace(/\/$/, "");
  const ownBases = [...new Set([publicUrl.replace(/\/$/, ""), base])];
  const document = parse(html, { sourceCodeLocationInfo: true });
  const edits: { start: number; end: number; text: string }[] = [];
  const rows: (typeof trackedLinks.$inferInsert)[] = [];
  const signals = (input.buyingSignalUrls ?? []).map(normalisePrefix).filter((s): s is string => s !== null);
  const byDestination = new Map<string, string>();
  let bodyEnd: number | null = null;

  for (const el of elements(document)) {
    if (el.tagName === "body" && el.sourceCodeLocation?.endTag) bodyEnd = el.sourceCodeLocation.endTag.startOffset;
    if (!input.trackClicks || (el.tagName !== "a" && el.tagName !== "area")) continue;
    const href = el.attrs.find((a) => a.name === "href")?.value;
    const location = el.sourceCodeLocation?.attrs?.href;
    if (href === undefined || !location || skipReason(el, href, ownBases)) continue;
    const destination = withUtm(normaliseHttpUrl(href)!, input.utm);
    const plain = normalisePrefix(href) ?? "";
    const buyingSignal =
      el.attrs.some((a) => a.name === "data-buying-signal") ||
      signals.some((s) => plain === s || plain.startsWith(`${s}/`) || plain.startsWith(`${s}?`));
    // One ticket per distinct destination (and signal flag) within a message.
    const dedupeKey = `${buyingSignal ? "1" : "0"}${destination}`;
    let linkId = byDestination.get(dedupeKey);
    if (!linkId) {
      linkId = newLinkId();
      byDestination.set(dedupeKey, linkId);
      rows.push({ id: linkId, workspaceId: input.workspaceId, sendJobId: input.sendJobId, url: destination, buyingSignal });
    }
    const ticket = signToken({ secret: signingSecret, purpose: "click", id: linkId });
    edits.push({ start: location.startOffset, end: location.endOffset, text: `href="${escapeAttr(`${base}/t/c/${ticket}`)}"` });
  }

  if (input.trackOpens) {
    const token = signToken({ secret: signingSecret, purpose: "open", id: input.sendJobId });
    const pixel = `<img src="${escapeAttr(`${base}/t/o/${token}.gif`)}" width="1" height="1" alt="" style="border:0;width:1px;height:1px;overflow:hidden">`;
    const at = bodyEnd ?? html.length;
    edits.push({ start: at, end: at, text: pixel });
  }

  if (rows.length > 0) await tx.insert(trackedLinks).values(rows);
  let out = html;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}
