// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { Card } from "../schemas/card";
import type { Template } from "../schemas/template";
import type { ComposeState, MailHost, MailPerson, OpenThread, OpenTrackingHost } from "./mail-host";
import { Sidebar } from "./sidebar";
import { ApiFailure, type SidebarApi } from "./sidebar-api";

const now = "2026-11-23T10:00:00.000Z";
const contact = (email: string, firstName: string) => ({
  id: `ct_${firstName.toLowerCase()}`,
  email,
  displayName: null,
  firstName,
  lastName: "Test",
  title: null,
  phone: null,
  country: "DE",
  timeZone: null,
  language: null,
  stage: "lead",
  tags: ["fair"],
  ownerId: null,
  companyId: null,
  source: null,
  consentStatus: "unknown" as const,
  customFields: {},
  emailStatus: "unknown" as const,
  hot: false,
  createdAt: now,
  updatedAt: now,
});
const cardFor = (email: string, firstName: string | null): Card => ({
  email,
  contact: firstName ? contact(email, firstName) : null,
  suggested: firstName
    ? null
    : { email, displayName: "Olivia Brandt", firstName: "Olivia", lastName: "Brandt", companyDomain: null, companyName: null },
  company: null,
  timeline: [{ id: "ev_1", contactId: "ct_x", type: "open", actor: "system", occurredAt: now, payload: { subject: "Quote" } }],
  enrollments: [],
  tasks: [],
  localTime: { zone: "Europe/Berlin", guessed: true, iso: now, offsetMinutes: 60 },
  warnings: [],
  engagement: { humanOpens: 0, machineOpens: 0, repeatOpens: 0, humanClicks: 0, machineClicks: 0 },
});
const template: Template = {
  id: "tp_1",
  ownerId: null,
  name: "Quote",
  subject: "Quote {{quote_number}}",
  bodyHtml: "",
  visibility: "shared",
  folder: null,
  tags: [],
  language: "en",
  version: 1,
  createdAt: now,
  updatedAt: now,
};

const thread = (email: string, name: string): OpenThread => ({
  threadId: `thread-f:${email.length}`,
  legacyThreadId: "abc",
  subject: "Hello",
  sender: { email, name },
  recipients: [],
  messages: [{ id: "msg-f:1", legacyId: "a1", from: { email, name } }],
});

function fakeHost(initial: OpenThread | null) {
  let current = initial;
  let compose: ComposeState = { open: false };
  const listeners = new Set<() => void>();
  const host: MailHost & { show(t: OpenThread | null): void; openCompose(recipients?: MailPerson[], subject?: string): void } = {
    kind: "test",
    getOpenThread: () => current,
    getComposeState: () => compose,
    subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
    insertIntoCompose: vi.fn(async () => undefined),
    show(t) {
      current = t;
      listeners.forEach((l) => l());
    },
    openCompose(recipients = [], subject = "") {
      compose = { open: true, kind: "reply", recipients, subject };
      listeners.forEach((l) => l());
    },
  };
  return host;
}

function fakeApi(overrides: Partial<SidebarApi> = {}): SidebarApi {
  return {
    getCachedCard: vi.fn(async () => null),
    fetchCard: vi.fn(async ({ email }) =>
      cardFor(email, email.startsWith("li") ? "Li" : email.startsWith("ha") ? "Hannah" : null),
    ),
    createContact: vi.fn(async (input) => contact(input.email, input.firstName ?? "X")),
    updateContact: vi.fn(async (id, patch) => ({ ...contact("li@x.test", "Li"), ...patch, id }) as never),
    listNotes: vi.fn(async () => []),
    addNote: vi.fn(),
    getCachedTemplates: vi.fn(async () => null),
    fetchTemplates: vi.fn(async () => [template]),
    renderTemplate: vi.fn(async (_id, input) => {
      const q = (input.variables as { quote_number?: string } | undefined)?.quote_number;
      return q
        ? {
            subject: `Quote ${q}`,
            subjectHtml: `Quote ${q}`,
            html: `<p>Quote <b>${q}</b></p><script>alert(1)</script>`,
            missing: [],
          }
        : { subject: "Quote ", subjectHtml: "Quote ", html: "<p>Quote </p>", missing: ["quote_number"] };
    }),
    listSequences: vi.fn(async () => []),
    listMailboxes: vi.fn(async () => []),
    enroll: vi.fn(),
    changeEnrollment: vi.fn(),
    listTasks: vi.fn(async () => []),
    listUsers: vi.fn(async () => []),
    ...overrides,
  };
}

afterEach(cleanup);

describe("Sidebar", () => {
  test("each open shows its label as a badge with the reason as its description; opens counted by people only", async () => {
    const apple = "Opened through Apple Mail Privacy Protection (Apple egress address).";
    const api = fakeApi({
      fetchCard: vi.fn(async ({ email }): Promise<Card> => ({
        ...cardFor(email, "Li"),
        timeline: [
          {
            id: "te_1",
            contactId: "ct_li",
            type: "open",
            actor: "system:tracking",
            occurredAt: now,
            payload: { label: "apple_proxy", reason: apple },
          },
          {
            id: "te_2",
            contactId: "ct_li",
            type: "open",
            actor: "system:tracking",
            occurredAt: now,
            payload: { label: "human", reason: "Opened in a mail client by a person." },
          },
          { id: "ev_3", contactId: "ct_li", type: "note", actor: "us_1", occurredAt: now, payload: { body: "Call back" } },
        ],
        engagement: { humanOpens: 1, machineOpens: 4, repeatOpens: 2, humanClicks: 0, machineClicks: 0 },
      })),
    });
    // (An address of its own: the card memory is per page, and other tests expect li@ uncached.)
    render(<Sidebar host={fakeHost(thread("wei.badges@x.test", "Wei"))} api={api} />);
    const proxy = await screen.findByRole("button", { name: "Apple proxy" });
    const description = (el: HTMLElement) => document.getElementById(el.getAttribute("aria-describedby") ?? "")?.textContent;
    expect(description(proxy)).toMatch(/^Apple Mail Privacy Protection fetched the image — not a person\./);
    expect(description(proxy)).toContain("Apple egress address");
    expect(screen.getAllByRole("tooltip").map((t) => t.id)).toContain(proxy.getAttribute("aria-describedby"));
    expect(description(screen.getByRole("button", { name: "person" }))).toMatch(/A person opened it/);
    // Only opens and clicks get a badge: one per open, none for the note.
    expect(within(screen.getByRole("list", { name: "Timeline" })).getAllByRole("button")).toHaveLength(2);
    expect(screen.getByTestId("human-opens").textContent).toBe("1 open");
    expect(screen.getByTestId("machine-opens").textContent).toContain("4 machine opens not counted");
  });

  test("paints the cached card, then the backend's, and follows thread switches", async () => {
    const host = fakeHost(thread("li@x.test", "Li"));
    let resolveFetch: (c: Card) => void = () => undefined;
    const api = fakeApi({
      getCachedCard: vi.fn(async ({ email }) => ({ value: { ...cardFor(email, "Li"), timeline: [] }, fetchedAt: 1 })),
      fetchCard: vi.fn(({ email }) => new Promise<Card>((r) => (resolveFetch = (c) => r({ ...c, email })))),
    });
    render(<Sidebar host={host} api={api} />);
    await screen.findByText("No activity yet.");
    expect(screen.getByText("li@x.test")).toBeTruthy();
    act(() => resolveFetch(cardFor("li@x.test", "Li")));
    await screen.findByText("Opened “Quote”");
    expect(screen.getByText("guessed")).toBeTruthy();

    act(() => host.show(thread("hannah@y.test", "Hannah")));
    resolveFetch(cardFor("hannah@y.test", "Hannah"));
    await waitFor(() => expect(document.querySelector('[data-testid="card"]')?.getAttribute("data-email")).toBe("hannah@y.test"));
  });

  test("offline: keeps the cached card and shows the badge", async () => {
    const api = fakeApi({
      getCachedCard: vi.fn(async ({ email }) => ({ value: cardFor(email, "Li"), fetchedAt: 1 })),
      fetchCard: vi.fn(async () => {
        throw new ApiFailure("offline", "down");
      }),
    });
    render(<Sidebar host={fakeHost(thread("li@z.test", "Li"))} api={api} />);
    await screen.findByTestId("offline-badge");
    expect(document.querySelector('[data-testid="card"]')?.getAttribute("data-email")).toBe("li@z.test");
  });

  test("warnings are listed on the card", async () => {
    const api = fakeApi({
      fetchCard: vi.fn(async ({ email }) => ({
        ...cardFor(email, "Li"),
        warnings: [
          { code: "lookalike_domain" as const, message: "shenzhen-brlght.cn looks like shenzhen-bright.cn" },
          { code: "teammate_owns_account" as const, message: "Anna is working this account" },
        ],
      })),
    });
    render(<Sidebar host={fakeHost(thread("li@t.test", "Li"))} api={api} />);
    const list = await screen.findByRole("list", { name: "Warnings" });
    expect(list.textContent).toContain("Look-alike domain: shenzhen-brlght.cn looks like shenzhen-bright.cn");
    expect(list.textContent).toContain("Teammate on this account: Anna is working this account");
  });

  test("not signed in: says so and offers the settings", async () => {
    const onOpenSettings = vi.fn();
    const api = fakeApi({
      fetchCard: vi.fn(async () => {
        throw new ApiFailure("not_signed_in", "no token");
      }),
    });
    render(<Sidebar host={fakeHost(thread("li@w.test", "Li"))} api={api} onOpenSettings={onOpenSettings} />);
    fireEvent.click(await screen.findByRole("button", { name: "Open settings" }));
    expect(onOpenSettings).toHaveBeenCalledOnce();
  });

  test("unknown sender: one click creates the contact pre-filled, then the card reloads", async () => {
    const api = fakeApi();
    render(<Sidebar host={fakeHost(thread("olivia@nw.test", "Olivia Brandt"))} api={api} />);
    fireEvent.click(await screen.findByRole("button", { name: "Create contact" }));
    await waitFor(() => expect(api.createContact).toHaveBeenCalledOnce());
    expect(vi.mocked(api.createContact).mock.calls[0]![0]).toMatchObject({
      email: "olivia@nw.test",
      firstName: "Olivia",
      lastName: "Brandt",
    });
    await waitFor(() => expect(api.fetchCard).toHaveBeenCalledTimes(2));
  });

  test("key events typed in the sidebar do not reach the page", async () => {
    const pageKeys = vi.fn();
    document.addEventListener("keydown", pageKeys);
    render(<Sidebar host={fakeHost(thread("li@v.test", "Li"))} api={fakeApi()} />);
    fireEvent.keyDown(await screen.findByLabelText("Add tag"), { key: "c" });
    document.removeEventListener("keydown", pageKeys);
    expect(pageKeys).not.toHaveBeenCalled();
  });

  test("templates: missing variable blocks insertion until filled; inserted HTML is sanitised", async () => {
    const host = fakeHost(thread("li@u.test", "Li"));
    host.openCompose();
    const api = fakeApi();
    render(<Sidebar host={host} api={api} />);
    fireEvent.click(screen.getByRole("tab", { name: "Templates" }));
    fireEvent.click(await screen.findByRole("option", { name: /Quote/ }));
    await screen.findByTestId("missing-variables");
    const insert = screen.getByRole("button", { name: "Insert template" }) as HTMLButtonElement;
    expect(insert.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText("Value for quote_number"), { target: { value: "Q-7" } });
    fireEvent.click(screen.getByRole("button", { name: "Apply values" }));
    await waitFor(() => expect(insert.disabled).toBe(false));
    expect(vi.mocked(api.renderTemplate).mock.calls.at(-1)![1]).toEqual({
      contactId: "ct_li",
      variables: { quote_number: "Q-7" },
    });
    fireEvent.click(insert);
    await waitFor(() => expect(host.insertIntoCompose).toHaveBeenCalledWith("<p>Quote <b>Q-7</b></p>", { subject: "Quote Q-7" }));
  });
});

/** A host's open tracking that behaves like Outlook's: one pixel per message, or unavailable with a reason. */
function fakeTracking(unavailable: string | null = null) {
  let tracked = false;
  let enabled = true;
  const tracking = {
    pixels: [] as string[],
    isEnabled: () => enabled,
    setEnabled: vi.fn(async (on: boolean) => {
      enabled = on;
    }),
    unavailableReason: () => unavailable,
    addPixelOnce: vi.fn<OpenTrackingHost["addPixelOnce"]>(async (mint) => {
      if (unavailable) return { status: "unavailable", reason: unavailable };
      if (tracked) return { status: "already_tracked" };
      tracking.pixels.push(await mint({ host: "outlook", threadId: "AAQkAD-conv-1" }));
      tracked = true;
      return { status: "added" };
    }),
  };
  return tracking;
}

describe("Sidebar: open tracking of a hand-written message", () => {
  const wei = { email: "li@u.test", name: "Li Wei" };
  const ready = {
    renderTemplate: vi.fn(async () => ({ subject: "Quote 7", subjectHtml: "Quote 7", html: "<p>Quote 7</p>", missing: [] })),
  };
  const pixel = '<img src="https://t.example/t/o/tm_1.sig.gif" width="1" height="1" alt="" border="0" data-threadline-pixel="">';
  const tracked = {
    id: "tm_1",
    contactId: "ct_li",
    contactCreated: false,
    templateId: "tp_1",
    host: "outlook" as const,
    threadId: "AAQkAD-conv-1",
    subject: "Quote 7",
    pixelUrl: "https://t.example/t/o/tm_1.sig.gif",
    html: pixel,
    createdAt: now,
  };

  async function setup(
    opts: { tracking?: ReturnType<typeof fakeTracking>; api?: Partial<SidebarApi>; recipients?: MailPerson[] } = {},
  ) {
    const host = Object.assign(fakeHost(null), { openTracking: opts.tracking ?? fakeTracking() });
    host.openCompose(opts.recipients ?? [wei], "");
    const api = fakeApi({ ...ready, createTrackedMessage: vi.fn(async () => tracked), ...opts.api });
    render(<Sidebar host={host} api={api} />);
    fireEvent.click(screen.getByRole("tab", { name: "Templates" }));
    fireEvent.click(await screen.findByRole("option", { name: /Quote/ }));
    const insert = screen.getByRole("button", { name: "Insert template" }) as HTMLButtonElement;
    await waitFor(() => expect(insert.disabled).toBe(false));
    return { host, api, insert, tracking: host.openTracking };
  }

  test("on by default: the insert records the message and the host appends its pixel; a second template adds none", async () => {
    const { host, api, insert, tracking } = await setup();
    const toggle = screen.getByRole("checkbox", { name: "Track opens of this message" }) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    fireEvent.click(insert);
    await screen.findByText("Inserted “Quote”. Opens will be tracked once you send it.");
    expect(host.insertIntoCompose).toHaveBeenCalledWith("<p>Quote 7</p>", { subject: "Quote 7" });
    expect(api.createTrackedMessage).toHaveBeenCalledWith({
      email: "li@u.test",
      name: "Li Wei",
      templateId: "tp_1",
      subject: "Quote 7",
      host: "outlook",
      threadId: "AAQkAD-conv-1",
    });
    expect(tracking.pixels).toEqual([pixel]);

    fireEvent.click(insert);
    await screen.findByText(/already tracked \(one pixel per message\)/);
    expect(host.insertIntoCompose).toHaveBeenCalledTimes(2);
    expect(api.createTrackedMessage).toHaveBeenCalledOnce();
    expect(tracking.pixels).toHaveLength(1);
  });

  test("switched off: the template goes in untracked, and the choice is handed to the host to remember", async () => {
    const { api, insert, tracking } = await setup();
    fireEvent.click(screen.getByRole("checkbox", { name: "Track opens of this message" }));
    expect(tracking.setEnabled).toHaveBeenCalledWith(false);
    fireEvent.click(insert);
    await screen.findByText("Inserted “Quote”.");
    expect(tracking.addPixelOnce).not.toHaveBeenCalled();
    expect(api.createTrackedMessage).not.toHaveBeenCalled();
  });

  test("a client that cannot append at send says so next to the switch and after the insert, which still happens", async () => {
    const reason = "this Outlook cannot add a tracking pixel when a message is sent (that needs Mailbox requirement set 1.9).";
    const { host, api, insert } = await setup({ tracking: fakeTracking(reason) });
    const toggle = screen.getByRole("checkbox", { name: "Track opens of this message" }) as HTMLInputElement;
    expect([toggle.checked, toggle.disabled]).toEqual([false, true]);
    expect(screen.getByTestId("open-tracking").textContent).toContain("Mailbox requirement set 1.9");
    fireEvent.click(insert);
    await screen.findByText(`Inserted “Quote”. Opens are not tracked: ${reason}`);
    expect(host.insertIntoCompose).toHaveBeenCalledOnce();
    expect(api.createTrackedMessage).not.toHaveBeenCalled();
  });

  test("the backend refusing (e.g. a suppressed recipient) leaves the template inserted and explains", async () => {
    const refused = new ApiFailure(
      "invalid",
      "li@u.test is on the suppression list (unsubscribe): opens of mail to them are not tracked.",
      409,
    );
    const { host, tracking, insert } = await setup({ api: { createTrackedMessage: vi.fn(async () => Promise.reject(refused)) } });
    fireEvent.click(insert);
    await screen.findByText(`Inserted “Quote”. Opens are not tracked: ${refused.message}`);
    expect(host.insertIntoCompose).toHaveBeenCalledOnce();
    expect(tracking.pixels).toEqual([]);
  });

  test("no recipient yet: nothing is recorded and the notice says what to do", async () => {
    const { api, insert } = await setup({ recipients: [] });
    fireEvent.click(insert);
    await screen.findByText("Inserted “Quote”. Opens are not tracked: add the recipient first, then insert the template.");
    expect(api.createTrackedMessage).not.toHaveBeenCalled();
  });

  test("no switch where the host or the API cannot track (Gmail today)", async () => {
    const host = fakeHost(null);
    host.openCompose([wei]);
    render(<Sidebar host={host} api={fakeApi(ready)} />);
    fireEvent.click(screen.getByRole("tab", { name: "Templates" }));
    fireEvent.click(await screen.findByRole("option", { name: /Quote/ }));
    await screen.findByRole("button", { name: "Insert template" });
    expect(screen.queryByTestId("open-tracking")).toBeNull();
  });
});
