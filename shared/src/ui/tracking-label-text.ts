// What a stored tracking label (label-tracking-event) means to a rep: a short badge and one sentence. The stored
// reason (which request, which proxy) is shown under it. Listed here instead of importing the labeller, so the
// content script does not carry the classification rules.
export interface TrackingLabelText {
  badge: string;
  summary: string;
  /** A machine, not a person: not counted as an open or click. */
  machine: boolean;
}

const TEXTS: Record<string, TrackingLabelText> = {
  human: { badge: "person", summary: "A person opened it: counted.", machine: false },
  apple_proxy: {
    badge: "Apple proxy",
    summary: "Apple Mail Privacy Protection fetched the image — not a person.",
    machine: true,
  },
  google_proxy: {
    badge: "Gmail proxy",
    summary: "Gmail's image proxy fetched the image — not proof that a person looked.",
    machine: true,
  },
  scanner: { badge: "scanner", summary: "A security scanner or bot — not a person.", machine: true },
  prefetch: { badge: "prefetch", summary: "Prefetched by the mail client — not a person looking.", machine: true },
  duplicate: { badge: "repeat", summary: "A repeat of a counted one from the same network — counted once.", machine: false },
};

/** The text for a stored label, or null for events recorded before labels existed (or an unknown label). */
export function trackingLabelText(label: unknown): TrackingLabelText | null {
  return typeof label === "string" ? (TEXTS[label] ?? null) : null;
}
