/** Plain text from HTML without the quoted history (blockquotes, Gmail/Outlook reply containers). */
export function htmlToOwnText(html: string): string {
  const cut = html.search(
    /<(div|span)[^>]*(class="[^"]*gmail_quote|id="divRplyFwdMsg|id="appendonsend|class="[^"]*yahoo_quoted)/i,
  );
  let body = cut >= 0 ? html.slice(0, cut) : html;
  body = body
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<blockquote[\s\S]*?<\/blockquote>/gi, "\n")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|tr|h\d)>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/gi, " ")
    .replace(/&lt;/gi, "<")
    .replace(/&gt;/gi, ">")
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/gi, "&");
  return body
    .split("\n")
    .map((l) => l.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
