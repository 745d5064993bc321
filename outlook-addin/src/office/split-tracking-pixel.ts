// A tracked template's rendered HTML carries its open pixel as <img data-threadline-pixel …>. In Outlook the pixel
// must not sit at the cursor (the user could delete or duplicate it, and it would render in the draft): it is
// taken out here and appended when the message is sent (body.appendOnSendAsync, Mailbox 1.9).
const PIXEL = /<img\b[^>]*\bdata-threadline-pixel\b[^>]*>/gi;

export function splitTrackingPixel(html: string): { html: string; pixel: string | null } {
  const pixels = html.match(PIXEL);
  if (!pixels) return { html, pixel: null };
  // One pixel per message is enough; extra copies would only double-count opens.
  return { html: html.replace(PIXEL, ""), pixel: pixels[0]! };
}
