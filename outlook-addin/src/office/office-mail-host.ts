// The Outlook MailHost: everything the shared sidebar needs from the open item, read through Office.js.
// This folder is the only code that touches Office; the sidebar sees plain data and functions.
import type {
  ComposeState,
  InsertOptions,
  MailHost,
  MailPerson,
  OpenThread,
  ThreadMessage,
} from "@threadline/shared/ui/mail-host";
import { officeAsync } from "./office-async";
import { createOfficeOpenTracking, type OfficeOpenTracking } from "./office-open-tracking";
import { splitTrackingPixel } from "./split-tracking-pixel";

/** The slice of the Office namespace used here; tests pass an office-addin-mock object. */
export type OfficeApi = Pick<typeof Office, "AsyncResultStatus" | "CoercionType" | "EventType" | "context">;

export interface OutlookInsertOptions extends InsertOptions {
  /**
   * HTML appended to the body when the message is sent (the open-tracking pixel), Mailbox 1.9+ only. A pixel
   * marked `data-threadline-pixel` inside the inserted HTML is moved here automatically.
   */
  appendOnSend?: string;
}

export interface OfficeMailHost extends MailHost {
  readonly kind: "outlook";
  /** Reads the current item and registers ItemChanged (pinned panes) / RecipientsChanged. */
  start(): Promise<void>;
  stop(): void;
  /** Whether the tracking pixel can be appended at send on this client (Mailbox 1.9). */
  canAppendOnSend(): boolean;
  insertIntoCompose(html: string, options?: OutlookInsertOptions): Promise<void>;
  /** The RFC 5322 Message-ID of the message being read (null in compose or without an item). */
  getInternetMessageId(): string | null;
  /** Open tracking of the message being written: a pixel appended at send, once per message. */
  readonly openTracking: OfficeOpenTracking;
}

type ReadItem = Office.MessageRead;
type ComposeItem = Office.MessageCompose;
type AnyItem = ReadItem | ComposeItem;

const person = (d: Office.EmailAddressDetails | null | undefined): MailPerson | null =>
  d?.emailAddress ? { email: d.emailAddress.trim().toLowerCase(), name: d.displayName?.trim() || null } : null;

// In read mode subject is a string; in compose it is an object with getAsync.
const isCompose = (item: AnyItem): item is ComposeItem => typeof (item as ComposeItem).subject !== "string";

export function createOfficeMailHost(office: OfficeApi): OfficeMailHost {
  const mailbox = office.context.mailbox;
  const listeners = new Set<() => void>();
  const me = (mailbox.userProfile?.emailAddress ?? "").toLowerCase();
  let thread: OpenThread | null = null;
  let compose: ComposeState = { open: false };
  let internetMessageId: string | null = null;
  let generation = 0;
  let started = false;
  let recipientsHandlerItem: ComposeItem | null = null;

  const supports = (version: string) => office.context.requirements?.isSetSupported("Mailbox", version) === true;
  const emit = () => {
    for (const l of [...listeners]) l();
  };
  // Keep the same object while nothing changed (useSyncExternalStore compares by reference).
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

  function readThread(item: ReadItem): OpenThread {
    const from = person(item.from);
    const recipients = [...(item.to ?? []), ...(item.cc ?? [])]
      .map(person)
      .filter((p): p is MailPerson => p !== null && p.email !== me);
    // Reading one's own sent mail: the card is about whom it went to.
    const sender = from && from.email === me && recipients[0] ? recipients[0] : from;
    const message: ThreadMessage & { internetMessageId: string | null } = {
      id: item.itemId ?? "",
      legacyId: null,
      from,
      internetMessageId: item.internetMessageId || null,
    };
    return {
      threadId: item.conversationId ?? "",
      legacyThreadId: null,
      subject: item.subject ?? "",
      sender,
      recipients,
      messages: [message],
    };
  }

  async function readCompose(item: ComposeItem): Promise<ComposeState> {
    const [to, cc, subject] = await Promise.all([
      officeAsync<Office.EmailAddressDetails[]>(office, "read the To recipients", (cb) => item.to.getAsync(cb)),
      item.cc
        ? officeAsync<Office.EmailAddressDetails[]>(office, "read the Cc recipients", (cb) => item.cc.getAsync(cb))
        : Promise.resolve([]),
      officeAsync<string>(office, "read the subject", (cb) => item.subject.getAsync(cb)),
    ]);
    const recipients = [...to, ...cc].map(person).filter((p): p is MailPerson => p !== null && p.email !== me);
    // A reply or forward belongs to a conversation already; a new message has none yet.
    return { open: true, kind: item.conversationId ? "reply" : "new", recipients, subject: subject ?? "" };
  }

  async function refresh(): Promise<void> {
    const mine = ++generation;
    const item = mailbox.item as AnyItem | null | undefined;
    let nextThread: OpenThread | null = null;
    let nextCompose: ComposeState = { open: false };
    let nextMessageId: string | null = null;
    if (item && isCompose(item)) {
      nextCompose = await readCompose(item);
      await watchRecipients(item);
    } else if (item) {
      nextThread = readThread(item);
      nextMessageId = item.internetMessageId || null;
    }
    if (mine !== generation) return; // the item changed while we were reading: the newer refresh wins
    let changed = false;
    if (!same(thread, nextThread)) {
      thread = nextThread;
      changed = true;
    }
    if (!same(compose, nextCompose)) {
      compose = nextCompose;
      changed = true;
    }
    internetMessageId = nextMessageId;
    if (changed) emit();
  }

  async function watchRecipients(item: ComposeItem) {
    if (recipientsHandlerItem === item || !supports("1.7") || !office.EventType.RecipientsChanged) return;
    recipientsHandlerItem = item;
    await officeAsync<void>(office, "watch the recipients", (cb) =>
      item.addHandlerAsync(office.EventType.RecipientsChanged, () => void refresh().catch(reportRefreshError), cb),
    );
  }

  function reportRefreshError(err: unknown) {
    console.error("[threadline] reading the Outlook item failed:", err);
  }

  const composeItem = (): ComposeItem => {
    const item = mailbox.item as AnyItem | null | undefined;
    if (!item || !isCompose(item)) {
      throw new Error("Open a message you are writing (new, reply or forward) to insert a template.");
    }
    return item;
  };
  const openTracking = createOfficeOpenTracking({ office, composeItem, supports });

  return {
    kind: "outlook",
    getOpenThread: () => thread,
    getComposeState: () => compose,
    getInternetMessageId: () => internetMessageId,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    canAppendOnSend: () => supports("1.9"),
    openTracking,

    async start() {
      if (started) return;
      started = true;
      await refresh();
      // Pinned panes stay open while the user selects other messages (Mailbox 1.5); item may then be null.
      if (supports("1.5")) {
        await officeAsync<void>(office, "follow the selected message", (cb) =>
          mailbox.addHandlerAsync(office.EventType.ItemChanged, () => void refresh().catch(reportRefreshError), cb),
        );
      }
    },

    stop() {
      started = false;
      generation++;
      listeners.clear();
      if (supports("1.5")) {
        mailbox.removeHandlerAsync(office.EventType.ItemChanged);
      }
    },

    async insertIntoCompose(rawHtml, options = {}) {
      const item = composeItem();
      const { html, pixel } = splitTrackingPixel(rawHtml);
      const appendOnSend = options.appendOnSend ?? pixel;
      await officeAsync<void>(office, "insert the template at the cursor", (cb) =>
        item.body.setSelectedDataAsync(html, { coercionType: office.CoercionType.Html }, cb),
      );
      if (options.subject) {
        const current = await officeAsync<string>(office, "read the subject", (cb) => item.subject.getAsync(cb));
        if (!current?.trim()) {
          await officeAsync<void>(office, "set the subject", (cb) => item.subject.setAsync(options.subject!, cb));
        }
      }
      // Without Mailbox 1.9 (or in a plain-text message) the message simply goes untracked for opens (never a pixel
      // in the visible draft); a message that has its pixel already gets no second one.
      if (appendOnSend) await openTracking.appendPixelOnce(item, appendOnSend);
      await refresh();
    },
  };
}
