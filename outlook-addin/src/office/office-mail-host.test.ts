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
function composeItem(opts: { to?: string[]; subject?: string; conversationId?: string; insertError?: string } = {}) {
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
    },
    addHandlerAsync(_type: string, _handler: () => void, cb: (r: unknown) => void) {
      cb(ok());
    },
  };
}

function mockOffice(item: unknown, opts: { mailboxVersion?: string } = {}) {
  const version = Number(opts.mailboxVersion ?? "1.9");
  const data = {
    host: "outlook",
    ...enums,
    context: {
      requirements: {
        isSetSupported: (name: string, v: string) => name === "Mailbox" && Number(v) <= version,
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
