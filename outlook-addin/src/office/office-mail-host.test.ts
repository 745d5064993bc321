import { OfficeMockObject } from "office-addin-mock";
import { describe, expect, test, vi } from "vitest";
import { createOfficeMailHost, type OfficeApi } from "./office-mail-host";

// Office's enums as office.js defines them (the mock has none of its own).
const enums = {
  AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  CoercionType: { Html: "html", Text: "text" },
  EventType: { ItemChanged: "olkItemSelectedChanged", RecipientsChanged: "olkRecipientsChanged" },
};
const ok = (value?: unknown) => ({ status: "succeeded", value });
const failed = (message: string, code = 9041) => ({ status: "failed", error: { name: "Error", message, code } });

const readItem = (over: Record<string, unknown> = {}) => ({
  itemId: "AAMkAD-item-1",
  conversationId: "AAQkAD-conv-1",
  internetMessageId: "<msg-1@shenzhen-bright.cn>",
  subject: "RE: LED panel quotation",
  from: { emailAddress: "Li.Wei@Shenzhen-Bright.cn", displayName: "Li Wei" },
  to: [{ emailAddress: "demo.owner@threadline.example", displayName: "Demo Owner" }],
  cc: [{ emailAddress: "zhang.fang@shenzhen-bright.cn", displayName: "Zhang Fang" }],
  ...over,
});

/** A compose item whose async methods call back like Outlook does, recording what was written. */
function composeItem(
  opts: { to?: string[]; subject?: string; conversationId?: string; insertError?: string; format?: "html" | "text" } = {},
) {
  const recipients = (list: string[]) => ({
    getAsync(cb: (r: unknown) => void) {
      cb(ok(list.map((e) => ({ emailAddress: e, displayName: e.split("@")[0] }))));
    },
  });
  return {
    conversationId: opts.conversationId ?? "",
    to: recipients(opts.to ?? ["li.wei@shenzhen-bright.cn"]),
    cc: recipients([]),
    subject: {
      value: opts.subject ?? "",
      getAsync(cb: (r: unknown) => void) {
        cb(ok(this.value));
      },
      setAsync(value: string, cb: (r: unknown) => void) {
        this.value = value;
        cb(ok());
      },
    },
    body: {
      inserted: [] as string[],
      appended: [] as string[],
      setSelectedDataAsync(html: string, options: { coercionType: string }, cb: (r: unknown) => void) {
        if (opts.insertError) return cb(failed(opts.insertError));
        this.inserted.push(`${options.coercionType}:${html}`);
        cb(ok());
      },
      appendOnSendAsync(html: string, options: { coercionType: string }, cb: (r: unknown) => void) {
        this.appended.push(`${options.coercionType}:${html}`);
        cb(ok());
      },
      getTypeAsync(cb: (r: unknown) => void) {
        cb(ok(opts.format ?? "html"));
      },
    },
    // Mailbox 1.11 session data: survives the pane being closed and reopened on the same draft.
    sessionData: {
      values: {} as Record<string, string>,
      getAsync(name: string, cb: (r: unknown) => void) {
        cb(name in this.values ? ok(this.values[name]) : failed("The session data key was not found.", 9070));
      },
      setAsync(name: string, value: string, cb: (r: unknown) => void) {
        this.values[name] = value;
        cb(ok());
      },
    },
    addHandlerAsync(_type: string, _handler: () => void, cb: (r: unknown) => void) {
      cb(ok());
    },
  };
}

function mockOffice(item: unknown, opts: { mailboxVersion?: string; roaming?: Record<string, unknown> } = {}) {
  // Requirement sets compare part by part: 1.11 is newer than 1.9.
  const [major, minor] = (opts.mailboxVersion ?? "1.9").split(".").map(Number) as [number, number];
  const atMost = (v: string) => {
    const [a, b] = v.split(".").map(Number) as [number, number];
    return a < major || (a === major && b <= minor);
  };
  const roaming = opts.roaming ?? {};
  const data = {
    host: "outlook",
    ...enums,
    context: {
      roamingSettings: {
        get: (name: string) => roaming[name],
        set: (name: string, value: unknown) => void (roaming[name] = value),
        saveAsync: (cb: (r: unknown) => void) => cb(ok()),
      },
      requirements: {
        isSetSupported: (name: string, v: string) => name === "Mailbox" && atMost(v),
      },
      mailbox: {
        userProfile: { emailAddress: "demo.owner@threadline.example" },
        item,
        handlers: {} as Record<string, () => void>,
        addHandlerAsync(type: string, handler: () => void, cb: (r: unknown) => void) {
          this.handlers[type] = handler;
          cb(ok());
        },
        removeHandlerAsync(type: string) {
          delete this.handlers[type];
        },
      },
    },
  };
  const mock = new OfficeMockObject(data) as any;
  return { mock, office: mock as OfficeApi };
}

/** Swaps the selected item and fires ItemChanged the way a pinned pane sees it; waits for the refresh. */
async function selectItem(host: { subscribe(l: () => void): () => void }, mock: any, item: unknown) {
  const changed = new Promise<void>((resolve) => {
    const off = host.subscribe(() => {
      off();
      resolve();
    });
  });
  mock.context.mailbox.item = item === null ? null : new OfficeMockObject(item as any, "outlook" as any);
  mock.context.mailbox.handlers[enums.EventType.ItemChanged]();
  await changed;
}

describe("Office MailHost, read mode", () => {
  test("reads from, to, cc, subject, conversationId and internetMessageId; drops the user's own address", async () => {
    const { office } = mockOffice(readItem());
    const host = createOfficeMailHost(office);
    await host.start();
    expect(host.getOpenThread()).toEqual({
      threadId: "AAQkAD-conv-1",
      legacyThreadId: null,
      subject: "RE: LED panel quotation",
      sender: { email: "li.wei@shenzhen-bright.cn", name: "Li Wei" },
      recipients: [{ email: "zhang.fang@shenzhen-bright.cn", name: "Zhang Fang" }],
      messages: [
        {
          id: "AAMkAD-item-1",
          legacyId: null,
          from: { email: "li.wei@shenzhen-bright.cn", name: "Li Wei" },
          internetMessageId: "<msg-1@shenzhen-bright.cn>",
        },
      ],
    });
    expect(host.getInternetMessageId()).toBe("<msg-1@shenzhen-bright.cn>");
    expect(host.getComposeState()).toEqual({ open: false });
  });

  test("a message the user sent: the card is about its first recipient", async () => {
    const { office } = mockOffice(
      readItem({
        from: { emailAddress: "demo.owner@threadline.example", displayName: "Demo Owner" },
        to: [{ emailAddress: "h.schmidt@rheinmetall-parts.de", displayName: "Hannah Schmidt" }],
        cc: [],
      }),
    );
    const host = createOfficeMailHost(office);
    await host.start();
    expect(host.getOpenThread()?.sender).toEqual({ email: "h.schmidt@rheinmetall-parts.de", name: "Hannah Schmidt" });
  });

  test("pinned pane: ItemChanged follows the selection, a null item empties it, and snapshots keep their identity", async () => {
    const { mock, office } = mockOffice(readItem());
    const host = createOfficeMailHost(office);
    await host.start();
    const first = host.getOpenThread();
    expect(mock.context.mailbox.handlers[enums.EventType.ItemChanged]).toBeTypeOf("function");

    await selectItem(
      host,
      mock,
      readItem({
        itemId: "item-2",
        conversationId: "conv-2",
        internetMessageId: "<m2@x>",
        from: { emailAddress: "carlos.garcia@distribuciones-iberia.es", displayName: "Carlos García" },
      }),
    );
    expect(host.getOpenThread()).not.toBe(first);
    expect(host.getOpenThread()?.sender?.email).toBe("carlos.garcia@distribuciones-iberia.es");
    expect(host.getOpenThread()?.threadId).toBe("conv-2");

    await selectItem(host, mock, null);
    expect(host.getOpenThread()).toBeNull();
    expect(host.getComposeState()).toEqual({ open: false });
    expect(host.getInternetMessageId()).toBeNull();

    // The same item selected twice: no new object, no needless render.
    await selectItem(host, mock, readItem());
    const again = host.getOpenThread();
    const listener = vi.fn();
    host.subscribe(listener);
    mock.context.mailbox.item = new OfficeMockObject(readItem() as any, "outlook" as any);
    mock.context.mailbox.handlers[enums.EventType.ItemChanged]();
    await new Promise((r) => setTimeout(r, 0));
    expect(host.getOpenThread()).toBe(again);
    expect(listener).not.toHaveBeenCalled();
  });

  test("a slow read of an item the user already left is dropped (the newer selection wins)", async () => {
    const { mock, office } = mockOffice(readItem());
    const host = createOfficeMailHost(office);
    await host.start();
    const slow = composeItem();
    let release: () => void = () => undefined;
    const realGet = slow.to.getAsync;
    slow.to.getAsync = (cb: (r: unknown) => void) => {
      release = () => realGet(cb);
    };
    mock.context.mailbox.item = new OfficeMockObject(slow as any, "outlook" as any);
    mock.context.mailbox.handlers[enums.EventType.ItemChanged]();
    await selectItem(host, mock, null);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(host.getComposeState()).toEqual({ open: false });
    expect(host.getOpenThread()).toBeNull();
  });

  test("before Mailbox 1.5 no ItemChanged handler is registered (the pane closes on selection instead)", async () => {
    const { mock, office } = mockOffice(readItem(), { mailboxVersion: "1.4" });
    const host = createOfficeMailHost(office);
    await host.start();
    expect(mock.context.mailbox.handlers[enums.EventType.ItemChanged]).toBeUndefined();
    expect(host.getOpenThread()?.sender?.email).toBe("li.wei@shenzhen-bright.cn");
  });

  test("inserting while reading rejects with a message a person can act on", async () => {
    const { office } = mockOffice(readItem());
    const host = createOfficeMailHost(office);
    await host.start();
    await expect(host.insertIntoCompose("<p>x</p>")).rejects.toThrow(/Open a message you are writing/);
  });
});

describe("Office MailHost, compose mode", () => {
  test("recipients and subject through getAsync; reply vs new from the conversation id", async () => {
    const { office } = mockOffice(
      composeItem({ to: ["Li.Wei@shenzhen-bright.cn", "demo.owner@threadline.example"], subject: "Hi" }),
    );
    const host = createOfficeMailHost(office);
    await host.start();
    expect(host.getOpenThread()).toBeNull();
    expect(host.getComposeState()).toEqual({
      open: true,
      kind: "new",
      recipients: [{ email: "li.wei@shenzhen-bright.cn", name: "Li.Wei" }],
      subject: "Hi",
    });
    const reply = mockOffice(composeItem({ conversationId: "conv-9" }));
    const replyHost = createOfficeMailHost(reply.office);
    await replyHost.start();
    expect(replyHost.getComposeState()).toMatchObject({ open: true, kind: "reply" });
  });

  test("inserts HTML at the cursor, sets an empty subject, appends the pixel on send (Mailbox 1.9)", async () => {
    const { mock, office } = mockOffice(composeItem());
    const host = createOfficeMailHost(office);
    await host.start();
    expect(host.canAppendOnSend()).toBe(true);
    await host.insertIntoCompose("<p>Hi Wei,</p>", {
      subject: "Great to meet you",
      appendOnSend: '<img src="https://t.example/o.gif" alt="">',
    });
    const item = mock.context.mailbox.item;
    expect(item.body.inserted).toEqual(["html:<p>Hi Wei,</p>"]);
    expect(item.subject.value).toBe("Great to meet you");
    expect(item.body.appended).toEqual(['html:<img src="https://t.example/o.gif" alt="">']);
    expect(host.getComposeState()).toMatchObject({ subject: "Great to meet you" });
  });

  test("a pixel marked in the template HTML is moved from the cursor to append-on-send", async () => {
    const { mock, office } = mockOffice(composeItem());
    const host = createOfficeMailHost(office);
    await host.start();
    await host.insertIntoCompose('<p>Hi</p><img data-threadline-pixel src="https://t.example/o.gif" alt="">');
    expect(mock.context.mailbox.item.body.inserted).toEqual(["html:<p>Hi</p>"]);
    expect(mock.context.mailbox.item.body.appended).toEqual([
      'html:<img data-threadline-pixel src="https://t.example/o.gif" alt="">',
    ]);
  });

  test("keeps a subject the user typed; without Mailbox 1.9 the pixel is not appended", async () => {
    const { mock, office } = mockOffice(composeItem({ subject: "My own subject" }), { mailboxVersion: "1.8" });
    const host = createOfficeMailHost(office);
    await host.start();
    expect(host.canAppendOnSend()).toBe(false);
    await host.insertIntoCompose("<p>x</p>", { subject: "Template subject", appendOnSend: "<img>" });
    expect(mock.context.mailbox.item.subject.value).toBe("My own subject");
    expect(mock.context.mailbox.item.body.appended).toEqual([]);
    expect(mock.context.mailbox.item.body.inserted).toEqual(["html:<p>x</p>"]);
  });

  test("an Office failure becomes a readable rejection", async () => {
    const { office } = mockOffice(composeItem({ insertError: "The item is read-only." }));
    const host = createOfficeMailHost(office);
    await host.start();
    await expect(host.insertIntoCompose("<p>x</p>")).rejects.toThrow(
      "Outlook could not insert the template at the cursor: The item is read-only. (code 9041).",
    );
  });

  test("a synchronous throw from Office also rejects readably", async () => {
    const item = composeItem();
    (item.body as any).setSelectedDataAsync = () => {
      throw new Error("setSelectedDataAsync is not available");
    };
    const { office } = mockOffice(item);
    const host = createOfficeMailHost(office);
    await host.start();
    await expect(host.insertIntoCompose("<p>x</p>")).rejects.toThrow(
      /Outlook could not insert the template at the cursor: setSelectedDataAsync is not available/,
    );
  });
});

describe("Office MailHost, open tracking of the message being written", () => {
  const pixel = '<img src="https://t.example/t/o/tm_1.sig.gif" width="1" height="1" alt="" border="0" data-threadline-pixel="">';

  async function composing(opts: Parameters<typeof composeItem>[0] = {}, office: Parameters<typeof mockOffice>[1] = {}) {
    const m = mockOffice(composeItem({ conversationId: "AAQkAD-conv-3", ...opts }), { mailboxVersion: "1.11", ...office });
    const host = createOfficeMailHost(m.office);
    await host.start();
    const mint = vi.fn(async () => pixel);
    return { ...m, host, mint, item: () => m.mock.context.mailbox.item };
  }

  test("the first template's pixel is appended at send, with the conversation; a second template adds none", async () => {
    const { host, mint, item } = await composing();
    expect(host.openTracking.unavailableReason()).toBeNull();
    await expect(host.openTracking.addPixelOnce(mint)).resolves.toEqual({ status: "added" });
    expect(mint).toHaveBeenCalledWith({ host: "outlook", threadId: "AAQkAD-conv-3" });
    expect(item().body.appended).toEqual([`html:${pixel}`]);
    expect(item().sessionData.values.threadlinePixel).toBe("1");

    await expect(host.openTracking.addPixelOnce(mint)).resolves.toEqual({ status: "already_tracked" });
    // A template that carries its own marked pixel is not appended either.
    await host.insertIntoCompose('<p>Second</p><img data-threadline-pixel src="https://t.example/o.gif" alt="">');
    expect(mint).toHaveBeenCalledOnce();
    expect(item().body.appended).toEqual([`html:${pixel}`]);
  });

  test("a double click mints one message; a new message (new item) gets its own pixel", async () => {
    const { host, mock, mint, item } = await composing({ conversationId: "" });
    const both = await Promise.all([host.openTracking.addPixelOnce(mint), host.openTracking.addPixelOnce(mint)]);
    expect(both).toEqual([{ status: "added" }, { status: "already_tracked" }]);
    expect(mint).toHaveBeenCalledExactlyOnceWith({ host: "outlook", threadId: null });
    expect(item().body.appended).toHaveLength(1);

    await selectItem(host, mock, composeItem({ to: ["carlos.garcia@distribuciones-iberia.es"] }));
    await expect(host.openTracking.addPixelOnce(mint)).resolves.toEqual({ status: "added" });
    expect(item().body.appended).toEqual([`html:${pixel}`]);
  });

  test("a pane reopened on a draft that has its pixel (session data, Mailbox 1.11) adds none", async () => {
    const draft = composeItem();
    draft.sessionData.values.threadlinePixel = "1";
    const { office, mock } = mockOffice(draft, { mailboxVersion: "1.11" });
    const host = createOfficeMailHost(office);
    await host.start();
    const mint = vi.fn(async () => pixel);
    await expect(host.openTracking.addPixelOnce(mint)).resolves.toEqual({ status: "already_tracked" });
    expect(mint).not.toHaveBeenCalled();
    expect(mock.context.mailbox.item.body.appended).toEqual([]);
  });

  test("before Mailbox 1.9: unavailable with the reason, nothing minted or appended", async () => {
    const { host, mint, item } = await composing({}, { mailboxVersion: "1.8" });
    expect(host.openTracking.unavailableReason()).toMatch(/needs Mailbox requirement set 1\.9/);
    await expect(host.openTracking.addPixelOnce(mint)).resolves.toEqual({
      status: "unavailable",
      reason: expect.stringMatching(/1\.9/),
    });
    expect(mint).not.toHaveBeenCalled();
    expect(item().body.appended).toEqual([]);
  });

  test("a plain-text message cannot carry the pixel: unavailable, nothing minted", async () => {
    const { host, mint, item } = await composing({ format: "text" });
    await expect(host.openTracking.addPixelOnce(mint)).resolves.toEqual({
      status: "unavailable",
      reason: expect.stringMatching(/plain text/),
    });
    expect(mint).not.toHaveBeenCalled();
    expect(item().body.appended).toEqual([]);
  });

  test("a failed mint (backend refused) rejects, and the next insert may try again", async () => {
    const { host, item } = await composing();
    const refused = vi.fn(async () => Promise.reject(new Error("suppressed")));
    await expect(host.openTracking.addPixelOnce(refused)).rejects.toThrow("suppressed");
    expect(item().body.appended).toEqual([]);
    await expect(host.openTracking.addPixelOnce(async () => pixel)).resolves.toEqual({ status: "added" });
  });

  test("the switch is on by default and kept in the roaming settings (per user)", async () => {
    const roaming: Record<string, unknown> = {};
    const { host } = await composing({}, { roaming });
    expect(host.openTracking.isEnabled()).toBe(true);
    await host.openTracking.setEnabled(false);
    expect(roaming).toEqual({ "threadline.trackOpens": false });
    const next = await composing({}, { roaming });
    expect(next.host.openTracking.isEnabled()).toBe(false);
  });

  test("reading: asking for a pixel rejects readably", async () => {
    const { office } = mockOffice(readItem());
    const host = createOfficeMailHost(office);
    await host.start();
    await expect(host.openTracking.addPixelOnce(async () => pixel)).rejects.toThrow(/Open a message you are writing/);
  });
});
