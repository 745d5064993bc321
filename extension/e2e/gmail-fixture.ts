// Gmail-like markup for tests: the attributes and classes real Gmail uses (see extension/gmail/gmail-selectors.ts),
// in a much smaller page. Used by the DOM-reader unit tests and served as https://mail.google.com in the e2e run.

export interface FixturePerson {
  email: string;
  name: string;
}

export interface FixtureMessage {
  from: FixturePerson;
  to: FixturePerson[];
  /** Decimal id; the legacy (hex) id is derived from it like Gmail does. */
  id: string;
  body: string;
}

export interface FixtureThread {
  id: string;
  subject: string;
  messages: FixtureMessage[];
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const hex = (decimal: string) => BigInt(decimal).toString(16);

function person(p: FixturePerson, cls: string): string {
  return `<span class="${cls}" email="${esc(p.email)}" name="${esc(p.name)}" data-hovercard-id="${esc(p.email)}">${esc(p.name)}</span>`;
}

export function gmailThreadHtml(
  thread: FixtureThread,
  opts: { reply?: boolean; replyLabel?: string; replyTo?: FixturePerson[] } = {},
): string {
  const messages = thread.messages
    .map(
      (m) => `
      <div class="adn ads" data-message-id="#msg-f:${m.id}" data-legacy-message-id="${hex(m.id)}">
        <div class="gE iv gt"><h3 class="iw">${person(m.from, "gD")}</h3>
          <div class="iw ajw">to ${m.to.map((t) => person(t, "g2")).join(", ")}</div></div>
        <div class="a3s aiL">${esc(m.body)}</div>
      </div>`,
    )
    .join("");
  const reply = opts.reply
    ? `<div class="ip iq"><div class="M9"><form>
        <div class="aH9">${(opts.replyTo ?? []).map((p) => person(p, "vN")).join("")}</div>
        <div contenteditable="true" g_editable="true" role="textbox" aria-label="${esc(opts.replyLabel ?? "Message Body")}" class="Am Al editable"><div>Hi,</div><div><br></div><div>Best</div></div>
      </form></div></div>`
    : "";
  return `<div class="nH if">
    <h2 class="hP" data-thread-perm-id="thread-f:${thread.id}" data-legacy-thread-id="${hex(thread.id)}">${esc(thread.subject)}</h2>
    ${messages}${reply}</div>`;
}

export function gmailNewComposeHtml(opts: { to?: FixturePerson[]; subject?: string; label?: string } = {}): string {
  return `<div role="dialog" class="nH Hd"><div class="M9"><form>
    <div class="aoD hl" name="to">${(opts.to ?? []).map((p) => `<div class="afV" ${`email="${esc(p.email)}" data-name="${esc(p.name)}" data-hovercard-id="${esc(p.email)}"`}>${esc(p.name)}</div>`).join("")}</div>
    <input name="subjectbox" class="aoT" value="${esc(opts.subject ?? "")}" aria-label="Subject">
    <div contenteditable="true" g_editable="true" role="textbox" aria-label="${esc(opts.label ?? "Message Body")}" class="Am Al editable"><br></div>
  </form></div></div>`;
}

/** A whole page: Gmail's title (with the user's address), the main region, an optional compose dialog. */
export function gmailPageHtml(opts: { user: string; main: string; dialog?: string; lang?: string; title?: string }): string {
  return `<!doctype html><html lang="${opts.lang ?? "en"}"><head><meta charset="utf-8">
  <title>${esc(opts.title ?? "Inbox")} - ${esc(opts.user)} - Gmail</title></head>
  <body><div class="nH"><div role="navigation" class="aeN">nav</div><div role="main" class="nH bkK">${opts.main}</div></div>
  <div id="compose-root">${opts.dialog ?? ""}</div></body></html>`;
}
