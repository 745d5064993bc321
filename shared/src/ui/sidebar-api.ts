// Every backend call the sidebar makes, as an injected interface: the UI never fetches by itself.
// The Gmail extension implements it with messages to its service worker (which holds the token and the
// Dexie cache); the Outlook add-in implements it with the typed API client directly.
import type { Card } from "../schemas/card";
import type { Contact, ContactUpdate, ContactWrite } from "../schemas/contact";
import type { Note } from "../schemas/note";
import type { RenderResult, Template } from "../schemas/template";
import type { TrackedMessage, TrackedMessageCreate } from "../schemas/tracked-message";
import type { SequenceAnalyticsData, SequenceAnalyticsQuery } from "./analytics/analytics-data";

export type { SequenceAnalyticsData, SequenceAnalyticsQuery };

export type CardQuery = { email: string; name?: string };

/** What went wrong, in a form the UI can explain. Implementations throw this (or any Error: treated as "http"). */
export type ApiFailureKind =
  | "offline" // backend unreachable (network error, timeout)
  | "not_signed_in" // no backend URL / token configured
  | "unauthorized" // token rejected (401)
  | "forbidden" // role may not do this (403)
  | "not_found"
  | "invalid" // 400 / 409: the message says what to fix
  | "http"; // anything else

export class ApiFailure extends Error {
  constructor(
    readonly kind: ApiFailureKind,
    message: string,
    readonly status: number | null = null,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiFailure";
  }
}

/**
 * The one mapping from an HTTP status to what the UI explains — used by the Gmail extension's service worker, the
 * Outlook pane and the console alike, so the same answer reads the same everywhere. 400/409/413/415/422 and 429 are
 * "invalid" (the server's message says what to change, or when to try again); 502/503/504 mean a proxy in front of
 * the backend could not reach it, i.e. "offline".
 */
export function failureKindOf(status: number): ApiFailureKind {
  switch (status) {
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 400:
    case 409:
    case 413:
    case 415:
    case 422:
    case 429:
      return "invalid";
    case 502:
    case 503:
    case 504:
      return "offline";
    default:
      return "http";
  }
}

/** A value from the local cache, with when it was fetched (ms since epoch). */
export interface Cached<T> {
  value: T;
  fetchedAt: number;
}

export interface SequenceOption {
  id: string;
  name: string;
  stepCount: number | null;
  /** e.g. "active", "draft", "archived"; the picker offers only active (or unknown) sequences. */
  status: string | null;
}

export interface MailboxOption {
  id: string;
  email: string;
  name: string | null;
}

export interface EnrollRequest {
  contactId: string;
  sequenceId: string;
  mailboxId?: string;
  /**
   * The open thread, so step 1 goes out as a reply in it. Gmail: gmailThreadId (hex) + providerMessageId
   * (latest message, hex); Outlook: conversationId + providerMessageId (itemId).
   */
  thread?: { gmailThreadId?: string; conversationId?: string; providerMessageId?: string; subject?: string };
  /** "now": first step as soon as allowed; "next_window": at the sequence's next sending window (the default). */
  startAt?: "now" | "next_window";
}

export type EnrollmentAction = "pause" | "resume" | "stop";

export interface TaskItem {
  id: string;
  kind: string;
  title: string;
  dueAt: string;
  status: "open" | "done" | "skipped";
}

export interface UserOption {
  id: string;
  name: string;
  email: string;
}

export interface SidebarApi {
  /** The card from the local cache, or null (hosts without a cache always return null). Never hits the network. */
  getCachedCard(query: CardQuery): Promise<Cached<Card> | null>;
  /** The card from the backend; implementations refresh their cache with it. */
  fetchCard(query: CardQuery): Promise<Card>;
  createContact(input: ContactWrite): Promise<Contact>;
  updateContact(id: string, patch: ContactUpdate): Promise<Contact>;
  listNotes(contactId: string): Promise<Note[]>;
  addNote(contactId: string, body: string): Promise<Note>;
  getCachedTemplates(): Promise<Cached<Template[]> | null>;
  fetchTemplates(): Promise<Template[]>;
  /** Server-side render for a contact (by id or email) and/or extra variables that fill gaps. */
  renderTemplate(
    templateId: string,
    input: { contactId?: string; email?: string; variables?: Record<string, unknown> },
  ): Promise<RenderResult>;
  listSequences(): Promise<SequenceOption[]>;
  listMailboxes(): Promise<MailboxOption[]>;
  enroll(input: EnrollRequest): Promise<{ id: string }>;
  changeEnrollment(enrollmentId: string, action: EnrollmentAction): Promise<void>;
  listTasks(contactId: string): Promise<TaskItem[]>;
  /** Workspace members, to show the owner's name. May reject; the card then shows "Owner: unknown". */
  listUsers(): Promise<UserOption[]>;
  /**
   * One sequence's analytics (GET /api/v1/analytics/summary?groupBy=step, /ab-tests and /heatmap for it). Optional:
   * the Analytics tab shows only in hosts that implement it.
   */
  sequenceAnalytics?(query: SequenceAnalyticsQuery): Promise<SequenceAnalyticsData>;
  /**
   * Records a hand-written message for open tracking (POST /api/v1/tracked-messages) and returns its pixel. Optional:
   * with the host's `openTracking`, it makes the sidebar offer "Track opens" when a template is inserted.
   */
  createTrackedMessage?(input: TrackedMessageCreate): Promise<TrackedMessage>;
}
