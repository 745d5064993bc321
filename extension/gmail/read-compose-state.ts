// Finds Gmail's compose windows (new, inline reply, pop-out) and reads their recipients and subject.
import type { ComposeKind, ComposeState, MailPerson } from "@threadline/shared/ui/mail-host";
import { gmailSelectors as S } from "./gmail-selectors";
import { readPerson, readUserEmail } from "./read-open-thread";

export interface ComposeWindow {
  body: HTMLElement;
  container: Element;
  kind: ComposeKind;
}

export function findComposeWindows(doc: Document): ComposeWindow[] {
  const popout = S.popoutSearch.test(doc.location?.search ?? "");
  return Array.from(doc.querySelectorAll<HTMLElement>(S.composeBody)).map((body) => {
    const dialog = body.closest(S.composeDialog);
    const container = dialog ?? body.closest(S.composeInline) ?? body.closest("form") ?? body.parentElement ?? body;
    const kind: ComposeKind = popout ? "popout" : dialog ? "new" : body.closest(S.main) ? "reply" : "new";
    return { body, container, kind };
  });
}

function readRecipients(container: Element, user: string | null): MailPerson[] {
  const seen = new Set<string>(user ? [user] : []);
  const out: MailPerson[] = [];
  const add = (p: MailPerson | null) => {
    if (p && !seen.has(p.email)) {
      seen.add(p.email);
      out.push(p);
    }
  };
  container.querySelectorAll(S.composeRecipientChip).forEach((el) => add(readPerson(el)));
  container.querySelectorAll<HTMLInputElement>(S.composeRecipientInput).forEach((input) => {
    for (const part of input.value.split(",")) {
      const email = /[^\s<>,]+@[^\s<>,]+/.exec(part)?.[0]?.toLowerCase();
      if (email)
        add({
          email,
          name:
            part
              .replace(/<[^>]*>/, "")
              .replace(email, "")
              .trim() || null,
        });
    }
  });
  return out;
}

/** The compose window the user works in: the one holding focus, else the last opened. */
export function readComposeState(doc: Document, active: ComposeWindow | null): ComposeState {
  const windows = findComposeWindows(doc);
  const current = (active && windows.find((w) => w.body === active.body)) ?? windows.at(-1);
  if (!current) return { open: false };
  const subject = current.container.querySelector<HTMLInputElement>(S.composeSubject)?.value ?? "";
  return { open: true, kind: current.kind, recipients: readRecipients(current.container, readUserEmail(doc)), subject };
}
