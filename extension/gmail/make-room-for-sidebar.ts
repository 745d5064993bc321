import { gmailSelectors as S } from "./gmail-selectors";

/** Narrows Gmail's layout so the fixed sidebar covers nothing. Returns the undo. */
export function makeRoomForSidebar(doc: Document, width: number): () => void {
  const style = doc.createElement("style");
  style.id = "threadline-layout";
  style.textContent = `${S.layoutRoot} { width: calc(100vw - ${width}px) !important; min-width: 0 !important; overflow-x: hidden; }`;
  doc.getElementById(style.id)?.remove();
  doc.head.appendChild(style);
  return () => style.remove();
}
