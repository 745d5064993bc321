// Reads the open conversation from Gmail's DOM. Pure DOM reading: no observers, no network.
import type { MailPerson, OpenThread, ThreadMessage } from "@threadline/shared/ui/mail-host";
import { gmailSelectors as S } from "./gmail-selectors";

export function readPerson(el: Element | null): MailPerson | null {
  const email = el?.getAttribute("email")?.trim().toLowerCase();
  if (!el || !email || !email.includes("@")) return null;
  const name = (el.getAttribute("name") ?? el.textContent ?? "").trim();
  return { email, name: name && name.toLowerCase() !== email ? name : null };
}

/** The signed-in user's address, from the page title (locale independent), or null. */
export function readUserEmail(doc: Document): string | null {
  return S.titleEmail.exec(doc.title)?.[0]?.toLowerCase() ?? null;
}

function uniquePeople(people: (MailPerson | null)[], exclude: Set<string>): MailPerson[] {
  const out: MailPerson[] = [];
  for (const p of people) {
    if (!p || exclude.has(p.email)) continue;
    exclude.add(p.email);
    out.push(p);
  }
  return out;
}

export function readOpenThread(doc: Document): OpenThread | null {
  const main = doc.querySelector(S.main) ?? doc;
  const heading = main.querySelector(S.threadHeading);
  const threadId = heading?.getAttribute(S.threadPermIdAttr);
  if (!heading || !threadId) return null;
  const user = readUserEmail(doc);

  const messageEls = Array.from(main.querySelectorAll(S.message));
  const messages: ThreadMessage[] = messageEls.map((el) => ({
    id: (el.getAttribute(S.messageIdAttr) ?? "").replace(/^#/, ""),
    legacyId: el.getAttribute(S.messageLegacyIdAttr),
    from: readPerson(el.querySelector(S.messageSender)),
  }));
  // Collapsed messages without a message container still show their sender.
  if (messages.length === 0) {
    for (const el of Array.from(main.querySelectorAll(S.messageSender))) {
      messages.push({ id: "", legacyId: null, from: readPerson(el) });
    }
  }

  const latestOther = [...messages].reverse().find((m) => m.from && m.from.email !== user);
  const sender = latestOther?.from ?? messages.at(-1)?.from ?? null;
  const lastEl = messageEls.at(-1);
  const exclude = new Set<string>(user ? [user] : []);
  const recipients = uniquePeople(
    lastEl ? Array.from(lastEl.querySelectorAll(S.messageRecipients)).map(readPerson) : [],
    exclude,
  );

  const subject = (main.querySelector(S.subject)?.textContent ?? heading.textContent ?? "").trim();
  return {
    threadId,
    legacyThreadId: heading.getAttribute(S.threadLegacyIdAttr),
    subject,
    sender,
    recipients,
    messages,
  };
}
