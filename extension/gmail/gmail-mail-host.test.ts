// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from "vitest";
import { gmailNewComposeHtml, gmailPageHtml, gmailThreadHtml } from "../e2e/gmail-fixture";
import { createGmailMailHost } from "./gmail-mail-host";

const me = { email: "me@example.com", name: "Me" };
const a = { email: "a@acme.test", name: "Ann A" };
const b = { email: "b@bolt.test", name: "Bo B" };
const threadA = { id: "101", subject: "A", messages: [{ id: "1001", from: a, to: [me], body: "hi" }] };
const threadB = { id: "202", subject: "B", messages: [{ id: "2002", from: b, to: [me], body: "yo" }] };

const controller = { current: new AbortController() };
afterEach(() => controller.current.abort());

const main = () => document.querySelector('div[role="main"]')!;
const nextChange = (host: ReturnType<typeof createGmailMailHost>) =>
  new Promise<void>((resolve) => {
    const off = host.subscribe(() => {
      off();
      resolve();
    });
  });

function start() {
  controller.current = new AbortController();
  document.body.innerHTML = "";
  document.title = `Inbox - ${me.email} - Gmail`;
  document.body.innerHTML = gmailPageHtml({ user: me.email, main: gmailThreadHtml(threadA) }).replace(
    /^[\s\S]*<body>|<\/body>[\s\S]*$/g,
    "",
  );
  return createGmailMailHost({ doc: document, signal: controller.current.signal, debounceMs: 1 });
}

describe("createGmailMailHost", () => {
  test("follows thread switches and keeps the snapshot identity while nothing changed", async () => {
    const host = start();
    const first = host.getOpenThread();
    expect(first?.sender?.email).toBe("a@acme.test");
    main().appendChild(document.createElement("span"));
    await new Promise((r) => setTimeout(r, 20));
    expect(host.getOpenThread()).toBe(first);
    const changed = nextChange(host);
    main().innerHTML = gmailThreadHtml(threadB);
    await changed;
    expect(host.getOpenThread()?.sender?.email).toBe("b@bolt.test");
  });

  test("detects a new compose and inserts at the remembered caret, filling an empty subject", async () => {
    const host = start();
    const opened = nextChange(host);
    document.getElementById("compose-root")!.innerHTML = gmailNewComposeHtml({ to: [a] });
    await opened;
    expect(host.getComposeState()).toMatchObject({ open: true, kind: "new", recipients: [{ email: "a@acme.test" }] });
    const body = document.querySelector<HTMLElement>('[g_editable="true"]')!;
    body.innerHTML = "Hello <b>there</b> friend";
    const text = body.firstChild!;
    const sel = document.getSelection()!;
    const range = document.createRange();
    range.setStart(text, 6);
    range.collapse(true);
    sel.removeAllRanges();
    sel.addRange(range);
    document.dispatchEvent(new Event("selectionchange"));
    await host.insertIntoCompose("<span>[T]</span>", { subject: "Quote" });
    expect(body.innerHTML).toBe("Hello <span>[T]</span><b>there</b> friend");
    expect(document.querySelector<HTMLInputElement>('input[name="subjectbox"]')!.value).toBe("Quote");
  });

  test("insert without a compose fails with a message a person can act on", async () => {
    const host = start();
    await expect(host.insertIntoCompose("<p>x</p>")).rejects.toThrow(/Open a reply or a new message/);
  });

  test("abort stops change detection", async () => {
    const host = start();
    let calls = 0;
    host.subscribe(() => calls++);
    controller.current.abort();
    main().innerHTML = gmailThreadHtml(threadB);
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(0);
    expect(host.getOpenThread()?.sender?.email).toBe("a@acme.test");
  });
});
