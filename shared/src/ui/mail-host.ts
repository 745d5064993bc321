// The one interface a mail client implements so the shared sidebar can run inside it.
// Gmail implements it with DOM readers (extension/gmail/*), Outlook with Office.js (outlook-addin/src/office/*).
// Contract for implementers:
// - `getOpenThread()` / `getComposeState()` return the SAME object while nothing changed (the sidebar reads
//   them with React's useSyncExternalStore, which compares by reference).
// - `subscribe(listener)` calls `listener()` (no arguments) after either snapshot changed, and returns an
//   unsubscribe function. Listeners may be called more often than needed; never less.
// - Nothing here touches the network: the backend is reached only through `SidebarApi` (sidebar-api.ts).

export interface MailPerson {
  /** Lower-cased address. */
  email: string;
  /** Display name as the mail client shows it, or null when only the address is known. */
  name: string | null;
}

export interface ThreadMessage {
  /** The client's stable id: Gmail `msg-f:<decimal>` (without '#'), Outlook itemId. */
  id: string;
  /** Gmail's hex id (the one the Gmail REST API uses); null where the client has none (Outlook). */
  legacyId: string | null;
  from: MailPerson | null;
}

export interface OpenThread {
  /** Gmail `thread-f:<decimal>`; Outlook conversationId. */
  threadId: string;
  /** Gmail's hex thread id (REST API id, sent to the backend as gmailThreadId); null in Outlook. */
  legacyThreadId: string | null;
  subject: string;
  /** The person the card is about: sender of the latest message not sent by the user (falls back to the latest sender). */
  sender: MailPerson | null;
  /** To and Cc of the latest message, without the user's own address. */
  recipients: MailPerson[];
  /** Messages in display order, oldest first. */
  messages: ThreadMessage[];
}

export type ComposeKind = "new" | "reply" | "popout";

export type ComposeState =
  | { open: false }
  | {
      open: true;
      kind: ComposeKind;
      /** To/Cc recipients currently in the compose window. */
      recipients: MailPerson[];
      subject: string;
    };

export interface InsertOptions {
  /** Set as the subject when the compose window's subject is empty (new messages). */
  subject?: string;
}

/** What adding an open-tracking pixel to the message being written came to. */
export type OpenTrackingOutcome =
  | { status: "added" }
  /** The message has its pixel already (from an earlier inserted template): one per message. */
  | { status: "already_tracked" }
  | { status: "unavailable"; reason: string };

/**
 * Open tracking of a message the user writes by hand with a template inserted from the sidebar (Outlook: the pixel is
 * appended when the message is sent). Hosts without it leave `MailHost.openTracking` out; the sidebar then offers no
 * switch.
 */
export interface OpenTrackingHost {
  /** The user's switch: on unless they turned it off. */
  isEnabled(): boolean;
  setEnabled(on: boolean): Promise<void>;
  /** Null when this client can add a pixel to a message; otherwise why not, as a sentence for the user. */
  unavailableReason(): string | null;
  /**
   * Adds a pixel to the message being written, at most once per message. `mint` (which records the message with the
   * backend and returns the pixel's HTML) is called only when the message has none yet and can carry one.
   */
  addPixelOnce(
    mint: (context: { host: "outlook" | "gmail"; threadId: string | null }) => Promise<string>,
  ): Promise<OpenTrackingOutcome>;
}

export interface MailHost {
  readonly kind: "gmail" | "outlook" | "test";
  getOpenThread(): OpenThread | null;
  getComposeState(): ComposeState;
  /** Called after the open thread or the compose state changed. Returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /**
   * Inserts already-sanitised HTML at the caret of the active compose body (or at its end when there is no
   * remembered caret). Rejects with an Error whose message a person can act on when no compose is open.
   */
  insertIntoCompose(html: string, options?: InsertOptions): Promise<void>;
  /**
   * Optional keyboard path: the host calls `listener` when the user asks for the template picker from the
   * compose body (Gmail: typing ";;" or Alt+Shift+T). Returns an unsubscribe function.
   */
  onTemplateShortcut?(listener: () => void): () => void;
  /** Open tracking of hand-written messages; absent where the host cannot add a pixel (see OpenTrackingHost). */
  readonly openTracking?: OpenTrackingHost;
}
