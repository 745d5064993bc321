// The sidebar's backend calls for Outlook: plain fetch to the backend with the bearer token (API token or an
// Entra token). Outlook has no background worker, so the pane talks to the API directly. Cards and templates are
// cached in memory for the pane's lifetime (a pinned pane revisiting a sender paints at once and refreshes in the
// background); nothing is persisted, so a closed pane leaves no contact data behind.
import type { AnalyticsAbTest, AnalyticsHeatmap, AnalyticsSummary } from "@threadline/shared/schemas/analytics";
import type { Card } from "@threadline/shared/schemas/card";
import type { Contact } from "@threadline/shared/schemas/contact";
import type { Note } from "@threadline/shared/schemas/note";
import type { RenderResult, Template } from "@threadline/shared/schemas/template";
import type { TrackedMessage } from "@threadline/shared/schemas/tracked-message";
import { ApiFailure, failureKindOf, type Cached, type SidebarApi } from "@threadline/shared/ui/sidebar-api";

export interface FetchSidebarApiOptions {
  baseUrl: string;
  getToken: () => Promise<string | null>;
  fetch?: typeof fetch;
  /** Aborts a request that takes longer than this (ms). */
  timeoutMs?: number;
  /**
   * The RFC 5322 Message-ID of the open message (Outlook's internetMessageId), added to an enrollment's thread so
   * step 1 can reply with In-Reply-To/References even through SMTP.
   */
  getInternetMessageId?: () => string | null;
}

/** A list endpoint may answer `{ items }` (paginated) or a bare array. */
const items = <T>(body: unknown): T[] => (Array.isArray(body) ? body : ((body as { items?: T[] })?.items ?? []));

export function createFetchSidebarApi(opts: FetchSidebarApiOptions): SidebarApi & {
  checkSignIn(): Promise<void>;
  /** Links the Microsoft account behind `accessToken` (an Entra token for the backend) to the signed-in user. */
  linkMicrosoftAccount(accessToken: string): Promise<void>;
  sequenceAnalytics: NonNullable<SidebarApi["sequenceAnalytics"]>;
  createTrackedMessage: NonNullable<SidebarApi["createTrackedMessage"]>;
} {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const cards = new Map<string, Cached<Card>>();
  let templates: Cached<Template[]> | null = null;
  const MAX_CARDS = 200;
  const base = opts.baseUrl.replace(/\/+$/, "");

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let token: string | null;
    try {
      token = await opts.getToken();
    } catch (err) {
      throw new ApiFailure("not_signed_in", (err as Error).message);
    }
    if (!token) throw new ApiFailure("not_signed_in", "Sign in to Threadline first (backend URL and API token).");
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? 15_000);
    let res: Response;
    try {
      res = await doFetch(`${base}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
    } catch {
      throw new ApiFailure(
        "offline",
        `The Threadline backend at ${base} cannot be reached. Check your connection or the backend URL.`,
      );
    } finally {
      clearTimeout(timer);
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const error = (json as { error?: { message?: string; details?: unknown } } | null)?.error;
      throw new ApiFailure(
        failureKindOf(res.status),
        error?.message ?? `The backend answered ${res.status}.`,
        res.status,
        error?.details,
      );
    }
    return json as T;
  }

  const q = (params: Record<string, string | undefined>) => {
    const s = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString();
    return s ? `?${s}` : "";
  };

  return {
    // The cheapest authenticated read: proves the URL and the credentials.
    checkSignIn: async () => {
      await call("GET", "/contacts?limit=1");
    },
    linkMicrosoftAccount: async (accessToken) => {
      await call("POST", "/me/entra", { accessToken });
    },
    createTrackedMessage: (input) => call<TrackedMessage>("POST", "/tracked-messages", input),
    getCachedCard: async (query) => cards.get(query.email.toLowerCase()) ?? null,
    fetchCard: async (query) => {
      const card = await call<Card>("GET", `/card${q({ email: query.email, name: query.name })}`);
      const key = query.email.toLowerCase();
      cards.delete(key);
      cards.set(key, { value: card, fetchedAt: Date.now() });
      if (cards.size > MAX_CARDS) cards.delete(cards.keys().next().value!);
      return card;
    },
    // The shared UI labels contacts it creates as "gmail-sidebar"; from this pane they come from Outlook.
    createContact: (input) =>
      call<Contact>("POST", "/contacts", input.source === "gmail-sidebar" ? { ...input, source: "outlook-addin" } : input),
    updateContact: (id, patch) => call<Contact>("PATCH", `/contacts/${encodeURIComponent(id)}`, patch),
    listNotes: async (contactId) => items<Note>(await call("GET", `/contacts/${encodeURIComponent(contactId)}/notes`)),
    addNote: (contactId, body) => call<Note>("POST", `/contacts/${encodeURIComponent(contactId)}/notes`, { body }),
    getCachedTemplates: async () => templates,
    fetchTemplates: async () => {
      const list = items<Template>(await call("GET", "/templates?limit=200"));
      templates = { value: list, fetchedAt: Date.now() };
      return list;
    },
    renderTemplate: (templateId, input) =>
      call<RenderResult>("POST", `/templates/${encodeURIComponent(templateId)}/render`, input),
    listSequences: async () =>
      items<{ id: string; name: string; archived?: boolean; status?: string; steps?: unknown[]; stepCount?: number }>(
        await call("GET", "/sequences"),
      ).map((s) => ({
        id: s.id,
        name: s.name,
        stepCount: s.stepCount ?? s.steps?.length ?? null,
        status: s.status ?? (s.archived ? "archived" : "active"),
      })),
    listMailboxes: async () =>
      items<{ id: string; email: string; displayName?: string | null; active?: boolean }>(await call("GET", "/mailboxes"))
        .filter((m) => m.active !== false)
        .map((m) => ({ id: m.id, email: m.email, name: m.displayName ?? null })),
    enroll: async (req) => {
      const messageId = req.thread?.conversationId ? opts.getInternetMessageId?.() : null;
      const body = {
        sequenceId: req.sequenceId,
        contactIds: [req.contactId],
        ...(req.mailboxId ? { mailboxId: req.mailboxId } : {}),
        ...(req.thread ? { thread: { ...req.thread, ...(messageId ? { messageId } : {}) } } : {}),
        ...(req.startAt === "now" ? { startAt: new Date().toISOString() } : {}),
      };
      // The route answers with the enrollment, a list, or a summary holding them.
      const result = await call<unknown>("POST", "/enrollments", body);
      const list = Array.isArray(result)
        ? result
        : ((result as { items?: unknown[]; enrollments?: unknown[]; created?: unknown[] }).items ??
          (result as { enrollments?: unknown[] }).enrollments ??
          (result as { created?: unknown[] }).created ?? [result]);
      const first = list[0] as { id?: string } | undefined;
      if (!first?.id) throw new ApiFailure("invalid", "The contact was not enrolled (already in this sequence, or suppressed).");
      return { id: first.id };
    },
    changeEnrollment: async (id, action) => {
      await call("POST", `/enrollments/${encodeURIComponent(id)}/${action}`);
    },
    listTasks: async (contactId) => items(await call("GET", `/tasks${q({ contactId })}`)),
    listUsers: async () =>
      items<{ id: string; name: string; email: string }>(await call("GET", "/users")).map(({ id, name, email }) => ({
        id,
        name,
        email,
      })),
    // The Analytics tab: one sequence's funnel per step, reply rate per A/B variant and reply heatmap.
    sequenceAnalytics: async ({ sequenceId, from, to }) => {
      const range = { sequenceId, from, to };
      const [summary, ab, heatmap] = await Promise.all([
        call<AnalyticsSummary>("GET", `/analytics/summary${q({ ...range, groupBy: "step" })}`),
        call<AnalyticsAbTest>("GET", `/analytics/ab-tests${q(range)}`),
        call<AnalyticsHeatmap>("GET", `/analytics/heatmap${q(range)}`),
      ]);
      return {
        steps: summary.rows,
        variants: ab.steps.filter((s) => s.sequenceId === sequenceId && s.variants.length > 1),
        heatmap: { weekdays: heatmap.weekdays, replies: heatmap.replies },
      };
    },
  };
}
