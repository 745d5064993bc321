// The Office.js stand-in injected into the pane by the browser tests (context.addInitScript). It mimics what the
// Office MailHost uses: onReady, requirement sets, mailbox.item (read or compose, swappable like a pinned pane's
// selection, including null), ItemChanged, a compose body that records what was inserted and appended at send, the
// draft's session data and the add-in's roaming settings.
export interface ReadItemSpec {
  kind: "read";
  itemId: string;
  conversationId: string;
  internetMessageId: string;
  subject: string;
  from: { emailAddress: string; displayName: string };
  to: { emailAddress: string; displayName: string }[];
  cc?: { emailAddress: string; displayName: string }[];
}
export interface ComposeItemSpec {
  kind: "compose";
  to: { emailAddress: string; displayName: string }[];
  subject: string;
  conversationId?: string;
}
export type ItemSpec = ReadItemSpec | ComposeItemSpec | null;

/** Serialised by Playwright into the page; must not close over anything. */
export function installOfficeStub(initial: { item: ItemSpec; mailboxVersion: string; me: string }) {
  // Requirement sets compare part by part: 1.13 is newer than 1.5.
  const atMost = (asked: string, have: string) => {
    const a = asked.split(".").map(Number);
    const h = have.split(".").map(Number);
    for (let i = 0; i < Math.max(a.length, h.length); i++) {
      if ((a[i] ?? 0) !== (h[i] ?? 0)) return (a[i] ?? 0) < (h[i] ?? 0);
    }
    return true;
  };
  const ok = (value?: unknown) => ({ status: "succeeded", value });
  const handlers: Record<string, (() => void) | undefined> = {};
  const test = {
    inserted: [] as string[],
    appended: [] as string[],
    subjects: [] as string[],
    itemChanges: 0,
  };
  const makeItem = (spec: ItemSpec): unknown => {
    if (!spec) return null;
    if (spec.kind === "read") {
      return { ...spec, cc: spec.cc ?? [], body: {} };
    }
    const recipients = (list: { emailAddress: string; displayName: string }[]) => ({
      getAsync: (cb: (r: unknown) => void) => setTimeout(() => cb(ok(list.slice()))),
    });
    let subject = spec.subject;
    const session: Record<string, string> = {};
    return {
      conversationId: spec.conversationId ?? "",
      to: recipients(spec.to),
      cc: recipients([]),
      subject: {
        getAsync: (cb: (r: unknown) => void) => setTimeout(() => cb(ok(subject))),
        setAsync: (value: string, cb: (r: unknown) => void) => {
          subject = value;
          test.subjects.push(value);
          setTimeout(() => cb(ok()));
        },
      },
      body: {
        setSelectedDataAsync: (html: string, options: { coercionType: string }, cb: (r: unknown) => void) => {
          test.inserted.push(options.coercionType === "html" ? html : `[${options.coercionType}] ${html}`);
          setTimeout(() => cb(ok()));
        },
        appendOnSendAsync: (html: string, _options: unknown, cb: (r: unknown) => void) => {
          test.appended.push(html);
          setTimeout(() => cb(ok()));
        },
        getTypeAsync: (cb: (r: unknown) => void) => setTimeout(() => cb(ok("html"))),
      },
      // Mailbox 1.11 session data of the draft; an unknown key fails, as in Outlook on the web.
      sessionData: {
        getAsync: (name: string, cb: (r: unknown) => void) =>
          setTimeout(() =>
            cb(
              name in session
                ? ok(session[name])
                : { status: "failed", error: { name: "Error", message: "Key not found", code: 9070 } },
            ),
          ),
        setAsync: (name: string, value: string, cb: (r: unknown) => void) => {
          session[name] = value;
          setTimeout(() => cb(ok()));
        },
      },
      addHandlerAsync: (_type: string, _handler: () => void, cb?: (r: unknown) => void) => cb?.(ok()),
    };
  };
  const mailbox = {
    userProfile: { emailAddress: initial.me, displayName: "Demo Owner" },
    item: makeItem(initial.item),
    addHandlerAsync(type: string, handler: () => void, cb?: (r: unknown) => void) {
      handlers[type] = handler;
      cb?.(ok());
    },
    removeHandlerAsync(type: string, cb?: (r: unknown) => void) {
      handlers[type] = undefined;
      cb?.(ok());
    },
  };
  const roaming: Record<string, unknown> = {};
  const info = { host: "Outlook", platform: "OfficeOnline" };
  (window as any).Office = {
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    CoercionType: { Html: "html", Text: "text" },
    EventType: { ItemChanged: "olkItemSelectedChanged", RecipientsChanged: "olkRecipientsChanged" },
    HostType: { Outlook: "Outlook" },
    context: {
      requirements: {
        isSetSupported: (name: string, version: string) => name === "Mailbox" && atMost(version, initial.mailboxVersion),
      },
      mailbox,
      roamingSettings: {
        get: (name: string) => roaming[name],
        set: (name: string, value: unknown) => void (roaming[name] = value),
        saveAsync: (cb?: (r: unknown) => void) => setTimeout(() => cb?.(ok())),
      },
    },
    onReady(callback?: (i: typeof info) => void) {
      return new Promise((resolve) =>
        setTimeout(() => {
          callback?.(info);
          resolve(info);
        }),
      );
    },
  };
  (window as any).__threadlineTest = {
    ...test,
    get inserted() {
      return test.inserted;
    },
    get appended() {
      return test.appended;
    },
    get subjects() {
      return test.subjects;
    },
    /** What a pinned pane sees when the user selects another message (or nothing). */
    select(spec: ItemSpec) {
      mailbox.item = makeItem(spec);
      test.itemChanges++;
      handlers.olkItemSelectedChanged?.();
    },
  };
}
