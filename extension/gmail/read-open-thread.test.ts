// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from "vitest";
import { gmailNewComposeHtml, gmailPageHtml, gmailThreadHtml } from "../e2e/gmail-fixture";
import { readComposeState } from "./read-compose-state";
import { readOpenThread, readUserEmail } from "./read-open-thread";

const me = { email: "rep.anna@threadline.example", name: "Anna Rep" };
const li = { email: "Li.Wei@shenzhen-bright.cn", name: "Li Wei" };
const zhang = { email: "zhang@shenzhen-bright.cn", name: "Zhang Min" };

const thread = {
  id: "1780000000000000001",
  subject: "Quote for 2,000 LED panels",
  messages: [
    { id: "1780000000000000010", from: li, to: [me], body: "Can you quote?" },
    { id: "1780000000000000011", from: me, to: [li], body: "Sure, attached." },
    { id: "1780000000000000012", from: zhang, to: [me, li], body: "Adding myself." },
    { id: "1780000000000000013", from: me, to: [zhang, li], body: "Thanks both." },
  ],
};

function load(html: string, url = "https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJ") {
  (window as unknown as { happyDOM?: { setURL(u: string): void } }).happyDOM?.setURL(url);
  document.open();
  document.write(html);
  document.close();
}

describe("readOpenThread", () => {
  beforeEach(() => load(gmailPageHtml({ user: me.email, main: gmailThreadHtml(thread) })));

  test("reads ids, subject, messages of a multi-message thread", () => {
    const t = readOpenThread(document)!;
    expect(t.threadId).toBe("thread-f:1780000000000000001");
    expect(t.legacyThreadId).toBe(BigInt("1780000000000000001").toString(16));
    expect(t.subject).toBe("Quote for 2,000 LED panels");
    expect(t.messages.map((m) => m.id)).toEqual(thread.messages.map((m) => `msg-f:${m.id}`));
    expect(t.messages[0]!.legacyId).toBe(BigInt("1780000000000000010").toString(16));
    expect(t.messages.map((m) => m.from?.email)).toEqual([
      "li.wei@shenzhen-bright.cn",
      me.email,
      "zhang@shenzhen-bright.cn",
      me.email,
    ]);
  });

  test("the sender is the latest message not sent by the user; recipients exclude the user", () => {
    const t = readOpenThread(document)!;
    expect(t.sender).toEqual({ email: "zhang@shenzhen-bright.cn", name: "Zhang Min" });
    expect(t.recipients.map((r) => r.email)).toEqual(["zhang@shenzhen-bright.cn", "li.wei@shenzhen-bright.cn"]);
    expect(readUserEmail(document)).toBe(me.email);
  });

  test("a thread only the user wrote in falls back to the latest sender", () => {
    load(gmailPageHtml({ user: me.email, main: gmailThreadHtml({ ...thread, messages: [thread.messages[1]!] }) }));
    expect(readOpenThread(document)!.sender?.email).toBe(me.email);
  });

  test("no open thread in the inbox list", () => {
    load(gmailPageHtml({ user: me.email, main: '<table role="grid"><tr><td>Inbox row</td></tr></table>' }));
    expect(readOpenThread(document)).toBeNull();
  });

  test("localised UI: German title and labels read the same", () => {
    load(
      gmailPageHtml({
        user: me.email,
        lang: "de",
        title: "Posteingang (3)",
        main: gmailThreadHtml(thread, { reply: true, replyLabel: "Nachrichtentext" }),
      }),
    );
    const t = readOpenThread(document)!;
    expect(readUserEmail(document)).toBe(me.email);
    expect(t.sender?.email).toBe("zhang@shenzhen-bright.cn");
    const compose = readComposeState(document, null);
    expect(compose).toMatchObject({ open: true, kind: "reply" });
  });
});

describe("readComposeState", () => {
  test("closed when there is no compose", () => {
    load(gmailPageHtml({ user: me.email, main: gmailThreadHtml(thread) }));
    expect(readComposeState(document, null)).toEqual({ open: false });
  });

  test("inline reply inside the thread: recipients without the user", () => {
    load(gmailPageHtml({ user: me.email, main: gmailThreadHtml(thread, { reply: true, replyTo: [li, me] }) }));
    const state = readComposeState(document, null);
    expect(state).toMatchObject({
      open: true,
      kind: "reply",
      recipients: [{ email: "li.wei@shenzhen-bright.cn", name: "Li Wei" }],
    });
  });

  test("new compose dialog with recipients and subject", () => {
    load(
      gmailPageHtml({
        user: me.email,
        main: gmailThreadHtml(thread),
        dialog: gmailNewComposeHtml({ to: [li, zhang], subject: "Hello" }),
      }),
    );
    expect(readComposeState(document, null)).toEqual({
      open: true,
      kind: "new",
      subject: "Hello",
      recipients: [
        { email: "li.wei@shenzhen-bright.cn", name: "Li Wei" },
        { email: "zhang@shenzhen-bright.cn", name: "Zhang Min" },
      ],
    });
  });

  test("pop-out compose window", () => {
    load(
      gmailPageHtml({ user: me.email, main: "", dialog: gmailNewComposeHtml({ to: [li] }) }),
      "https://mail.google.com/mail/u/0/?view=cm&fs=1&tf=1",
    );
    expect(readComposeState(document, null)).toMatchObject({ open: true, kind: "popout" });
  });
});
