// Inserts (already sanitised) HTML at a remembered caret inside a contenteditable compose body.
// Runs in the isolated world, which Trusted Types does not govern; the HTML is sanitised by the sidebar first.

/** A usable insertion range: the remembered one if it is still inside `body`, else the end of `body`. */
export function insertionRange(body: HTMLElement, remembered: Range | null): Range {
  if (remembered && body.isConnected && body.contains(remembered.commonAncestorContainer)) return remembered;
  const range = body.ownerDocument.createRange();
  range.selectNodeContents(body);
  range.collapse(false);
  return range;
}

export function insertAtCaret(body: HTMLElement, remembered: Range | null, html: string): Range {
  const doc = body.ownerDocument;
  const range = insertionRange(body, remembered);
  const fragment = range.createContextualFragment(html);
  const last = fragment.lastChild;
  range.deleteContents();
  range.insertNode(fragment);
  const after = doc.createRange();
  if (last) after.setStartAfter(last);
  else after.setStart(range.startContainer, range.startOffset);
  after.collapse(true);
  const selection = doc.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(after);
  // Gmail saves drafts on input events.
  body.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
  return after;
}
