// Lines that start the quoted history of a reply, in the mail clients and languages we meet most.
const ATTRIBUTION = [
  /^On .{4,200}\bwrote:\s*$/i, // Gmail/Apple en
  /^Am .{4,200}\bschrieb .{0,200}:\s*$/i, // de
  /^Le .{4,200}\ba écrit\s*:\s*$/i, // fr
  /^El .{4,200}\bescribió:\s*$/i, // es
  /^Em .{4,200}\bescreveu:\s*$/i, // pt
  /^Il .{4,200}\bha scritto:\s*$/i, // it
  /^Op .{4,200}\bschreef .{0,200}:\s*$/i, // nl
  /^.{0,200}пишет:\s*$/i, // ru
  /^.{0,200}のメッセージ:\s*$/, // ja (Gmail)
  /^在.{2,200}写道[:：]\s*$/, // zh (Gmail)
  /^.{0,200}\bwrote:\s*$/i, // any other "X wrote:"
];
const SEPARATOR = [
  /^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Mensagem original|Messaggio originale|Oorspronkelijk bericht|Исходное сообщение|原始邮件|原始郵件|元のメッセージ)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/, // Outlook's rule above "From: … Sent: …"
  /^-{5,}\s*(Forwarded message|Weitergeleitete Nachricht)/i,
];
// Outlook desktop's header block: "From: …" followed within two lines by "Sent:"/"Date:" and friends.
const HEADER_FROM = /^\*?(From|Von|De|Da|Van|От|发件人|寄件者|差出人)\s*\*?\s*[:：]/i;
const HEADER_NEXT =
  /^\*?(Sent|Date|Gesendet|Datum|Envoyé|Enviado|Inviato|Verzonden|Отправлено|发送时间|日期|寄件日期|送信日時|To|An|À|Para|A|Aan|Кому|收件人|宛先)\s*\*?\s*[:：]/i;

/**
 * The part of a reply its author wrote: everything before the quoted history (">" lines, "On … wrote:",
 * "-----Original Message-----", Outlook's "From:/Sent:" block, and their localised forms).
 */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.startsWith(">")) break;
    if (SEPARATOR.some((re) => re.test(line))) break;
    // Attribution lines are sometimes wrapped over two lines by the client.
    const joined = i + 1 < lines.length ? `${line} ${lines[i + 1]!.trim()}` : line;
    if (ATTRIBUTION.some((re) => re.test(line) || re.test(joined))) break;
    if (HEADER_FROM.test(line) && lines.slice(i + 1, i + 4).some((l) => HEADER_NEXT.test(l.trim()))) break;
    out.push(lines[i]!);
  }
  return out.join("\n").trim();
}
