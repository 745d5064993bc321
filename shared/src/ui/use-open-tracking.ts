import { useState } from "react";
import type { MailHost, MailPerson, OpenTrackingOutcome } from "./mail-host";
import type { SidebarApi } from "./sidebar-api";
import { failureText, toApiFailure } from "./to-api-failure";

export interface OpenTracking {
  /** Whether the host and the API can track opens of hand-written messages at all (no switch otherwise). */
  available: boolean;
  enabled: boolean;
  setEnabled(on: boolean): void;
  /** Why this client cannot add a pixel, shown next to the switch; null when it can. */
  unavailableReason: string | null;
  /** After a template was inserted: adds the message's pixel if tracking is on; a sentence for the notice, or null. */
  afterInsert(input: { templateId: string; recipient: MailPerson | null; subject: string }): Promise<string | null>;
}

/** The sentence the sidebar shows after an insert, for each outcome of adding the pixel. */
export function describeOpenTracking(outcome: OpenTrackingOutcome): string {
  switch (outcome.status) {
    case "added":
      return "Opens will be tracked once you send it.";
    case "already_tracked":
      return "Opens of this message are already tracked (one pixel per message).";
    case "unavailable":
      return `Opens are not tracked: ${outcome.reason}`;
  }
}

/** Open tracking of hand-written messages: the user's switch and the pixel added after a template is inserted. */
export function useOpenTracking(host: MailHost, api: SidebarApi): OpenTracking {
  const tracking = host.openTracking && api.createTrackedMessage ? host.openTracking : null;
  const create = api.createTrackedMessage;
  const [enabled, setEnabledState] = useState(() => tracking?.isEnabled() ?? false);
  const unavailableReason = tracking?.unavailableReason() ?? null;

  return {
    available: tracking !== null,
    enabled,
    unavailableReason,
    setEnabled(on) {
      setEnabledState(on);
      // Remembered for next time where the host can; this session follows the switch either way.
      tracking?.setEnabled(on).catch((e: unknown) => console.warn("[threadline] the tracking switch was not saved:", e));
    },
    async afterInsert({ templateId, recipient, subject }) {
      if (!tracking || !create || !enabled) return null;
      if (unavailableReason) return describeOpenTracking({ status: "unavailable", reason: unavailableReason });
      if (!recipient) return "Opens are not tracked: add the recipient first, then insert the template.";
      try {
        const outcome = await tracking.addPixelOnce(async ({ host: hostKind, threadId }) => {
          const message = await create({
            email: recipient.email,
            ...(recipient.name ? { name: recipient.name } : {}),
            templateId,
            ...(subject.trim() ? { subject: subject.trim() } : {}),
            host: hostKind,
            ...(threadId ? { threadId } : {}),
          });
          return message.html;
        });
        return describeOpenTracking(outcome);
      } catch (e) {
        // The template is in the message already; only the tracking failed.
        return `Opens are not tracked: ${failureText(toApiFailure(e))}`;
      }
    },
  };
}
