/**
 * A link destination as the one form Threadline stores and redirects to: the WHATWG URL serialisation of an
 * absolute http(s) URL — what a browser would open for the written href (a tab or line break from an href wrapped
 * over two lines is dropped, `https:\\example.net` becomes `https://example.net/`). Null for anything else:
 * relative, another scheme, no host, or another control character (which a browser would keep, percent-encoded).
 */
export function normaliseHttpUrl(written: string): string | null {
  // WHATWG strips leading/trailing C0 controls and spaces, and removes tabs and newlines anywhere.
  const text = written.replace(/[\t\n\r]/g, "").trim();
  // eslint-disable-next-line no-control-regex
  if (text === "" || /[\u0000-\u001f\u007f]/.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") return null;
  return url.href;
}
