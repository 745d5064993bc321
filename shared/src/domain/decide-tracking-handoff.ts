import type { HandoffRules } from "../schemas/inbound-rules";

export interface TrackingSignal {
  kind: "open" | "click";
  /** Only human events count; machine opens (Apple MPP, Gmail proxy, scanners, prefetch) never do. */
  counted: boolean;
  buyingSignal: boolean;
}

/**
 * Hand-off on intent from tracking: a human click on a link marked as a buying signal, or the enrollment's
 * human opens reaching the sequence's threshold. Returns the reason, or null when nothing should happen.
 */
export function decideTrackingHandoff(input: { event: TrackingSignal; humanOpens: number; rules: HandoffRules }): string | null {
  const { event, humanOpens, rules } = input;
  if (!event.counted) return null;
  if (event.kind === "click" && event.buyingSignal && rules.onBuyingSignalClick) return "clicked a buying-signal link";
  if (event.kind === "open" && rules.humanOpensAtLeast !== null && humanOpens >= rules.humanOpensAtLeast) {
    return `opened ${humanOpens} times`;
  }
  return null;
}
