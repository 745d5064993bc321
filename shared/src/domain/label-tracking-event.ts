import type { IpRangeSet } from "./create-ip-range-set";

export const trackingLabels = ["human", "apple_proxy", "google_proxy", "scanner", "prefetch", "duplicate"] as const;
export type TrackingLabel = (typeof trackingLabels)[number];
export type TrackingKind = "open" | "click";

export interface EarlierTrackingEvent {
  kind: TrackingKind;
  label: TrackingLabel;
  /** Same key as `ipKey` of the event being labelled (truncated + hashed address), or null. */
  ipKey: string | null;
  occurredAt: number;
}

export interface LabelTrackingEventInput {
  kind: TrackingKind;
  /** HTTP method, upper case. */
  method: string;
  userAgent: string | null | undefined;
  /** Client address (used for the Apple range check only; never stored). */
  ip: string | null | undefined;
  /** Key the dedupe rule compares with earlier events' ipKey (the stored truncated, hashed address). */
  ipKey?: string | null;
  /** Request headers, names in lower case. */
  headers: Record<string, string | undefined>;
  /** When the message was sent (ms); null if unknown. */
  sentAt: number | null;
  /** When the request arrived (ms). */
  now: number;
  appleRanges: IpRangeSet;
  /** Earlier events of the same send, any order. */
  earlierEvents: readonly EarlierTrackingEvent[];
}

export interface TrackingEventLabel {
  label: TrackingLabel;
  reason: string;
}

/** Machine labels: the event happened, but no person is behind it. */
export const machineLabels: ReadonlySet<TrackingLabel> = new Set(["apple_proxy", "google_proxy", "scanner", "prefetch"]);

// Link scanners and security gateways, by a fragment of their User-Agent. Order = first match wins.
const scannerAgents: readonly [RegExp, string][] = [
  [/safelinks|safe ?links|microsoft office protocol discovery|ms-office|bingpreview/i, "Microsoft Defender Safe Links"],
  [/proofpoint|\bppops\b/i, "Proofpoint URL Defense"],
  [/mimecast/i, "Mimecast URL Protect"],
  [/barracuda/i, "Barracuda Email Security"],
  [/symantec|messagelabs|forcepoint|trend ?micro|sophos|fortinet|cisco.?ironport|zscaler/i, "a security gateway"],
  [
    /headlesschrome|phantomjs|python-requests|python-urllib|go-http-client|curl\/|wget\/|java\/|okhttp|libwww|node-fetch|axios\//i,
    "an automated client",
  ],
  [/bot\b|crawler|spider|preview/i, "a bot or link preview"],
];

const OPEN_TOO_FAST_MS = 5_000;
const CLICK_AFTER_BOT_OPEN_MS = 9_000;
const DEDUPE_WINDOW_MS = 60 * 60 * 1000;

function prefetchHeader(headers: Record<string, string | undefined>): string | null {
  for (const name of ["sec-purpose", "purpose", "x-purpose", "x-moz"]) {
    const value = headers[name];
    if (value && /prefetch|preview|prerender/i.test(value)) return `${name}: ${value}`;
  }
  return null;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Decides whether an open or click came from a person, and says why. Guards run in a fixed order —
 * request shape (HEAD, prefetch headers), known proxies, scanners, timing, then dedupe — so the first
 * decisive signal names the reason. Only `human` events are counted in analytics; the rest are kept and shown.
 */
export function labelTrackingEvent(input: LabelTrackingEventInput): TrackingEventLabel {
  const { kind, headers, now, sentAt } = input;
  const ua = (input.userAgent ?? "").trim();
  const what = kind === "open" ? "Open" : "Click";

  if (input.method.toUpperCase() === "HEAD") {
    return { label: "scanner", reason: `${what} was a HEAD request: link checkers send HEAD, a person's mail client sends GET.` };
  }
  const prefetch = prefetchHeader(headers);
  if (prefetch) {
    return { label: "prefetch", reason: `${what} was a prefetch/preview (${prefetch}), not a person looking.` };
  }
  if (/GoogleImageProxy/i.test(ua)) {
    return {
      label: "google_proxy",
      reason:
        kind === "open"
          ? "Fetched through Gmail's image proxy: Gmail may load images for the recipient or on its own, so it cannot be counted as a person."
          : "Click came from Gmail's image proxy, not a browser.",
    };
  }
  // Apple's egress ranges also carry iCloud Private Relay browsing, so only opens from them are MPP.
  if (kind === "open" && input.ip && input.appleRanges.has(input.ip)) {
    return {
      label: "apple_proxy",
      reason:
        "Opened through Apple Mail Privacy Protection (Apple egress address): Apple loads images at delivery, whether or not anyone reads the email.",
    };
  }
  for (const [pattern, name] of scannerAgents) {
    if (pattern.test(ua)) {
      return { label: "scanner", reason: `${what} by ${name} (user agent "${ua.slice(0, 80)}").` };
    }
  }
  if (!ua) {
    return { label: "scanner", reason: `${what} without a User-Agent header: every mail client and browser sends one.` };
  }
  if (kind === "open" && sentAt !== null && now - sentAt >= 0 && now - sentAt < OPEN_TOO_FAST_MS) {
    return {
      label: "scanner",
      reason: `Opened ${seconds(now - sentAt)} after sending: faster than a person, typical of a scanner at delivery.`,
    };
  }
  if (kind === "click") {
    const botOpen = input.earlierEvents.find(
      (e) =>
        e.kind === "open" &&
        machineLabels.has(e.label) &&
        now - e.occurredAt >= 0 &&
        now - e.occurredAt < CLICK_AFTER_BOT_OPEN_MS,
    );
    if (botOpen) {
      return {
        label: "scanner",
        reason: `Clicked ${seconds(now - botOpen.occurredAt)} after a machine open (${botOpen.label}): a scanner following links.`,
      };
    }
  }
  if (input.ipKey) {
    const same = input.earlierEvents.find(
      (e) =>
        e.kind === kind &&
        e.label === "human" &&
        e.ipKey === input.ipKey &&
        now - e.occurredAt >= 0 &&
        now - e.occurredAt < DEDUPE_WINDOW_MS,
    );
    if (same) {
      return {
        label: "duplicate",
        reason: `${what} again from the same network ${Math.round((now - same.occurredAt) / 60000)} min after a counted one; counted once per hour.`,
      };
    }
  }
  return {
    label: "human",
    reason: kind === "open" ? "Opened in a mail client by a person." : "Clicked in a browser by a person.",
  };
}
