// The Gmail MailHost: DOM readers plus change detection (hashchange + a debounced MutationObserver),
// caret memory and the ";;" / Alt+Shift+T template shortcut. Everything is torn down by the AbortSignal.
import type { ComposeState, InsertOptions, MailHost, OpenThread } from "@threadline/shared/ui/mail-host";
import { gmailSelectors as S } from "./gmail-selectors";
import { insertAtCaret } from "./insert-at-caret";
import { type ComposeWindow, findComposeWindows, readComposeState } from "./read-compose-state";
import { readOpenThread } from "./read-open-thread";

const TRIGGER = ";;";

export interface GmailMailHostOptions {
  doc?: Document;
  signal: AbortSignal;
  /** Trailing debounce of DOM mutations; small because the card should paint right after the thread. */
  debounceMs?: number;
}

export function createGmailMailHost({ doc = document, signal, debounceMs = 15 }: GmailMailHostOptions): MailHost {
  const win = doc.defaultView ?? window;
  const listeners = new Set<() => void>();
  const shortcutListeners = new Set<() => void>();
  let thread: OpenThread | null = null;
  let threadKey = "null";
  let compose: ComposeState = { open: false };
  let composeKey = "";
  let active: ComposeWindow | null = null;
  let caret: Range | null = null;

  const refresh = () => {
    const nextThread = readOpenThread(doc);
    const nextThreadKey = JSON.stringify(nextThread);
    const nextCompose = readComposeState(doc, active);
    const nextComposeKey = JSON.stringify(nextCompose);
    let changed = false;
    if (nextThreadKey !== threadKey) {
      thread = nextThread;
      threadKey = nextThreadKey;
      changed = true;
    }
    if (nextComposeKey !== composeKey) {
      compose = nextCompose;
      composeKey = nextComposeKey;
      changed = true;
    }
    if (changed) listeners.forEach((l) => l());
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, debounceMs);
  };

  const composeOf = (node: EventTarget | null): ComposeWindow | null => {
    if (!(node instanceof win.Node)) return null;
    const el = node instanceof win.Element ? node : node.parentElement;
    const body = el?.closest<HTMLElement>(S.composeBody);
    return body ? (findComposeWindows(doc).find((w) => w.body === body) ?? null) : null;
  };

  const observer = new win.MutationObserver((records) => {
    // Our own shadow host changes constantly while the sidebar renders; those never change Gmail's state.
    if (records.every((r) => (r.target as Element).id === "threadline-sidebar-host")) return;
    schedule();
  });
  observer.observe(doc.body ?? doc.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: [S.threadPermIdAttr, "email", "value", S.messageIdAttr],
  });
  win.addEventListener("hashchange", schedule, { signal });
  win.addEventListener("popstate", schedule, { signal });
  doc.addEventListener(
    "focusin",
    (e) => {
      const w = composeOf(e.target);
      if (w && w.body !== active?.body) {
        active = w;
        schedule();
      }
    },
    { signal },
  );
  doc.addEventListener(
    "selectionchange",
    () => {
      const sel = doc.getSelection();
      if (!sel || sel.rangeCount === 0) return;
      const range = sel.getRangeAt(0);
      const w = composeOf(range.commonAncestorContainer);
      if (w) {
        caret = range.cloneRange();
        active = w;
      }
    },
    { signal },
  );
  doc.addEventListener(
    "input",
    (e) => {
      const w = composeOf(e.target);
      if (!w) return schedule();
      const sel = doc.getSelection();
      const node = sel?.anchorNode;
      const offset = sel?.anchorOffset ?? 0;
      if (node?.nodeType !== win.Node.TEXT_NODE || !(node.textContent ?? "").slice(0, offset).endsWith(TRIGGER)) return;
      // Remove the typed trigger, keep the caret where it was, and open the picker.
      const range = doc.createRange();
      range.setStart(node, offset - TRIGGER.length);
      range.setEnd(node, offset);
      range.deleteContents();
      caret = range.cloneRange();
      active = w;
      shortcutListeners.forEach((l) => l());
    },
    { signal },
  );
  doc.addEventListener(
    "keydown",
    (e) => {
      if (e.altKey && e.shiftKey && (e.key === "T" || e.key === "t" || e.code === "KeyT")) {
        const w = composeOf(e.target);
        if (w) active = w;
        e.preventDefault();
        shortcutListeners.forEach((l) => l());
      }
    },
    { signal },
  );
  signal.addEventListener("abort", () => {
    observer.disconnect();
    clearTimeout(timer);
    listeners.clear();
    shortcutListeners.clear();
  });
  refresh();

  return {
    kind: "gmail",
    getOpenThread: () => thread,
    getComposeState: () => compose,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async insertIntoCompose(html: string, options?: InsertOptions) {
      const windows = findComposeWindows(doc);
      const target = (active && windows.find((w) => w.body === active?.body)) ?? windows.at(-1);
      if (!target) throw new Error("Open a reply or a new message in Gmail first, then insert the template.");
      caret = insertAtCaret(target.body, target.body === active?.body ? caret : null, html);
      active = target;
      const subjectInput = target.container.querySelector<HTMLInputElement>(S.composeSubject);
      if (options?.subject && subjectInput && subjectInput.value.trim() === "") {
        subjectInput.value = options.subject;
        subjectInput.dispatchEvent(new Event("input", { bubbles: true }));
      }
      schedule();
    },
    onTemplateShortcut(listener) {
      shortcutListeners.add(listener);
      return () => shortcutListeners.delete(listener);
    },
  };
}
