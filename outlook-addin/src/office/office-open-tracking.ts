// Open tracking of a message the rep writes in Outlook: the pixel HTML is appended when the message is sent
// (body.appendOnSendAsync, Mailbox 1.9), once per message. The user's switch lives in the add-in's roaming settings
// (per user, follows them across Outlook clients).
import type { OpenTrackingHost, OpenTrackingOutcome } from "@threadline/shared/ui/mail-host";
import { officeAsync } from "./office-async";

type ComposeItem = Office.MessageCompose;
type OfficeApi = Pick<typeof Office, "AsyncResultStatus" | "CoercionType" | "context">;
type Mint = Parameters<OpenTrackingHost["addPixelOnce"]>[0];

export const TRACK_OPENS_SETTING = "threadline.trackOpens";
/** Item session data (Mailbox 1.11) marking a message that has its pixel, so a reopened pane does not add another. */
export const PIXEL_SESSION_KEY = "threadlinePixel";

export const APPEND_ON_SEND_MISSING =
  "this Outlook cannot add a tracking pixel when a message is sent (that needs Mailbox requirement set 1.9), so messages go out untracked.";
const PLAIN_TEXT =
  "this message is in plain text and a tracking pixel needs HTML (Format → HTML, then insert the template again).";

export interface OfficeOpenTracking extends OpenTrackingHost {
  /** The same once-per-message guard for pixel HTML that came with an inserted template. */
  appendPixelOnce(item: ComposeItem, html: string): Promise<OpenTrackingOutcome>;
}

export function createOfficeOpenTracking(deps: {
  office: OfficeApi;
  composeItem: () => ComposeItem;
  supports: (mailboxVersion: string) => boolean;
}): OfficeOpenTracking {
  const { office, supports } = deps;
  // Per compose item: the pixel attempt (a second template, or a double click, waits for it instead of adding one).
  const attempts = new WeakMap<object, Promise<OpenTrackingOutcome>>();
  let enabledHere = true;
  const roaming = () => office.context.roamingSettings as Office.RoamingSettings | undefined;
  const unavailableReason = () => (supports("1.9") ? null : APPEND_ON_SEND_MISSING);

  async function marked(item: ComposeItem): Promise<boolean> {
    if (!supports("1.11")) return false;
    // A key that was never set is reported as a failure by some clients: not marked.
    const value = await officeAsync<string>(office, "read the tracking mark", (cb) =>
      item.sessionData.getAsync(PIXEL_SESSION_KEY, cb),
    ).catch(() => null);
    return Boolean(value);
  }

  async function mark(item: ComposeItem) {
    if (!supports("1.11")) return;
    // Best effort: without the mark only a reopened pane could add a second pixel (Outlook keeps one append-on-send
    // value per message; a later call replaces the earlier one).
    await officeAsync<void>(office, "mark the message as tracked", (cb) =>
      item.sessionData.setAsync(PIXEL_SESSION_KEY, "1", cb),
    ).catch((e: unknown) => console.warn("[threadline]", e));
  }

  async function addPixel(item: ComposeItem, mint: Mint): Promise<OpenTrackingOutcome> {
    const reason = unavailableReason();
    if (reason) return { status: "unavailable", reason };
    const earlier = attempts.get(item);
    if (earlier) {
      const outcome = await earlier.catch(() => null);
      if (outcome?.status === "added" || outcome?.status === "already_tracked") return { status: "already_tracked" };
      // The earlier attempt failed or was not possible (plain text): try again.
    }
    const attempt = (async (): Promise<OpenTrackingOutcome> => {
      if (await marked(item)) return { status: "already_tracked" };
      const format = await officeAsync<Office.CoercionType>(office, "read the message format", (cb) =>
        item.body.getTypeAsync(cb),
      );
      if (format === office.CoercionType.Text) return { status: "unavailable", reason: PLAIN_TEXT };
      const html = await mint({ host: "outlook", threadId: item.conversationId || null });
      await officeAsync<void>(office, "add the open-tracking pixel", (cb) =>
        item.body.appendOnSendAsync(html, { coercionType: office.CoercionType.Html }, cb),
      );
      await mark(item);
      return { status: "added" };
    })();
    attempts.set(item, attempt);
    try {
      return await attempt;
    } catch (e) {
      attempts.delete(item);
      throw e;
    }
  }

  return {
    isEnabled() {
      const saved = roaming()?.get(TRACK_OPENS_SETTING) as unknown;
      return typeof saved === "boolean" ? saved : enabledHere;
    },
    async setEnabled(on) {
      enabledHere = on;
      const settings = roaming();
      if (!settings) return;
      settings.set(TRACK_OPENS_SETTING, on);
      await officeAsync<void>(office, "save the tracking switch", (cb) => settings.saveAsync(cb));
    },
    unavailableReason,
    addPixelOnce: async (mint) => addPixel(deps.composeItem(), mint),
    appendPixelOnce: (item, html) => addPixel(item, async () => html),
  };
}
