import { detectChallengeResponse } from "./detect-challenge-response";
import { htmlToOwnText } from "./html-to-own-text";
import { isMachineSender } from "./is-machine-sender";
import { parseReturnDate } from "./parse-return-date";
import { stripQuotedReply } from "./strip-quoted-reply";

/** A MIME part the classifier reads whole: delivery reports and returned messages/headers. */
export interface InboundPart {
  contentType: string;
  content: string;
}

/** What the classifier needs from a parsed message (backend/src/inbound/to-parsed-inbound.ts builds it). */
export interface ParsedInbound {
  /** Header name (lower-cased) → value; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Sender address, lower-cased; null when missing. */
  from: string | null;
  /** Return-Path address; "" for the null path `<>`; null when the header is absent. */
  returnPath: string | null;
  subject: string;
  /** Date header as ISO 8601; null when missing or unreadable. */
  date: string | null;
  text: string;
  html: string | null;
  /** message/delivery-status, message/rfc822, text/rfc822-headers … parts, as text. */
  parts: InboundPart[];
}

export const inboundKinds = [
  "human_reply",
  "auto_reply",
  "challenge_response",
  "bounce_hard",
  "bounce_soft",
  "unsubscribe_request",
  "unrelated",
] as const;
export type InboundKind = (typeof inboundKinds)[number];

export interface InboundClassification {
  kind: InboundKind;
  /** Which headers and phrases decided, readable on the timeline. */
  evidence: string[];
  /** Auto-replies: the day the sender says they are back (yyyy-MM-dd), when the text gives one. */
  returnDate: string | null;
  /** Bounces: Message-ID of the message that bounced, from the report or the returned headers. */
  originalMessageId: string | null;
  /** Bounces: the enhanced status code (5.1.1) or SMTP reply code (550) that decided. */
  status: string | null;
  /** Challenge-responses: the filter service when known ("Boxbe"). */
  challengeService?: string | null;
}

const DSN_TYPES = /^message\/(global-)?delivery-status$/i;
const RETURNED_TYPES = /^(message\/(rfc822|global|rfc822-headers|global-headers)|text\/rfc822-headers)$/i;

// Subjects of bounces of the major MTAs and providers.
const BOUNCE_SUBJECT =
  /^(undeliverable|undelivered mail returned to sender|delivery status notification \((failure|delay)\)|mail delivery failed|mail delivery failure|delivery failure|failure notice|returned mail|undeliverable mail|delivery has failed|message not delivered|mail system error|non remis|unzustellbar|nicht zustellbar|no se puede entregar|no entregado|não (é possível entregar|entregue)|impossibile recapitare|non recapitabile|onbestelbaar|niet bezorgd|недоставленное|не доставлено|配信不能|配送失敗|系统退信|退信|邮件投递失败|邮件发送失败|無法傳遞|warning: message .* delayed|delayed mail|delivery delayed)/i;
const HARD_PHRASES = [
  /permanent (error|failure)/i,
  /failed permanently/i,
  /user unknown/i,
  /unknown user/i,
  /no such (user|recipient|mailbox|address)/i,
  /(mailbox|address|account|recipient|user)( \S+)? (does not|doesn't) exist/i,
  /address not found/i,
  /address couldn't be found/i,
  /recipient (address )?rejected/i,
  /recipientnotfound/i,
  /mailbox unavailable/i,
  /invalid (recipient|mailbox|address)/i,
  /doesn't have an? \S+ account/i,
  /收件人(地址)?不存在/,
  /(用户|帐户|账户|帳戶)不存在/,
  /unbekannte(r)? (empfänger|benutzer)/i,
  /adresse introuvable/i,
  /destinataire inconnu/i,
];
const SOFT_PHRASES = [
  /temporary (failure|error|problem)/i,
  /delivery (has been |is )?delayed/i,
  /(has not yet been|not yet) delivered/i,
  /will (retry|continue trying|keep trying)/i,
  /still being retried/i,
  /mailbox (is )?full/i,
  /over quota/i,
  /quota exceeded/i,
  /try again later/i,
  /(邮箱|信箱)(已满|空间不足)/,
];
const ENHANCED_STATUS = /(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.])/;
const SMTP_CODE = /(?<![\d.])([45][0-5]\d)(?=[ -]|:)/;

const AUTO_SUBJECT =
  /(automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|out of (the )?office|\booo\b|away from (the |my )?office|on vacation|on holiday|vacation (reply|notice)|automatische antwort|abwesenheitsnotiz|abwesenheit|außer haus|nicht im büro|réponse automatique|absence du bureau|absent du bureau|message d'absence|respuesta automática|fuera de la oficina|resposta automática|fora do escritório|ausência|risposta automatica|fuori sede|fuori ufficio|automatisch antwoord|afwezig|buiten kantoor|自动回复|自動回覆|自動回復|不在办公室|自動応答|自動返信|不在通知|автоматический ответ|автоответ|вне офиса|в отпуске)/i;
const AUTO_BODY = [
  /\bI('m| am) (currently |now )?(out of (the )?office|away from (the |my )?office|on (annual |parental |sick )?leave|on vacation|on holiday|travell?ing with limited)/i,
  /\bI will be (out of (the )?office|away|on leave|on vacation|on holiday)\b/i,
  /\bthis is an auto(matic|mated)?[- ]?(reply|response|generated)/i,
  /limited access to (my )?e-?mail/i,
  /\bich bin (derzeit |zurzeit |momentan |aktuell |bis [^\n]{0,40})?(nicht im büro|abwesend|im urlaub|außer haus|nicht erreichbar)/i,
  /dies ist eine automatische (antwort|nachricht)/i,
  /\b(ab dem|am) [^\n]{0,30} (bin ich )?wieder (im büro|erreichbar|da)/i,
  /\bje suis (actuellement |absent[e]? |en [^\n]{0,20})?(absent|absente|en congé|en congés|en vacances|hors du bureau|en déplacement)/i,
  /\bceci est une réponse automatique/i,
  /\bestoy (actualmente |de )?(fuera de la oficina|de vacaciones|ausente|fuera)/i,
  /\bestaré fuera de la oficina/i,
  /\bestou (atualmente |de )?(fora do escritório|de férias|ausente|fora)/i,
  /\bestarei (fora|ausente)/i,
  /\bsono (attualmente |in )?(fuori sede|fuori ufficio|in ferie|assente|ferie)/i,
  /\bsarò (fuori|assente)/i,
  /\bik ben (momenteel |tot [^\n]{0,30})?(afwezig|niet op kantoor|met vakantie|buiten kantoor|niet aanwezig)/i,
  /我(目前|现在|正在)?(不在办公室|休假|外出|出差)/,
  /這是自動回覆|这是自动回复|此为自动回复/,
  /不在にして(おります|います)|休暇(を(頂|いただ|取っ)|中)|外出(しております|中)/,
  /(я )?(нахожусь|буду) (в отпуске|вне офиса|в командировке)|это автоматический ответ|меня не будет на месте/i,
];
const UNSUBSCRIBE = [
  /\bunsubscribe\b/i,
  /\bremove me\b/i,
  /\btake me off\b/i,
  /\bstop (e-?mailing|sending|contacting|writing to) me\b/i,
  /\bstop e-?mailing\b/i,
  /\b(do not|don't|dont) (e-?mail|contact|write to) me\b/i,
  /\bno more e-?mails\b/i,
  /\bopt me out\b/i,
  /\b(abmelden|austragen|abbestellen)\b/i,
  /\bkeine (weiteren )?(e-?mails|mails|nachrichten|werbung) mehr\b/i,
  /\bnicht mehr (kontaktieren|anschreiben|schreiben)\b/i,
  /\bentfernen sie mich\b/i,
  /désabonner|désinscri|ne (plus|pas) (me )?(recevoir|contacter|écrire)|retirez-moi|supprimez-moi|arrêtez de m'(envoyer|écrire)/i,
  /dar(me)? de baja|no me (envíe|envíen|escriba|escriban)|no quiero recibir|elimínen?me|quít(en)?me de/i,
  /descadastr|remova-me|me remova|não me (envie|enviem|mande)|não quero receber|cancelar (a )?inscrição/i,
  /disiscriv|cancellatemi|cancellami|rimuovetemi|rimuovermi|non (voglio|desidero) (più )?ricevere|non scrivetemi più/i,
  /\b(afmelden|uitschrijven)\b|geen (e-?mails|mails|berichten) meer|verwijder mij|haal mij (van|uit)/i,
  /退订|取消订阅|請勿再發|请勿再发|不要再发|不要再給我發|不要再给我发|别再发/,
  /配信停止|配信を停止|送らないでください|登録解除/,
  /отписать|отпишите|не пишите (мне )?больше|больше не (пишите|присылайте)|удалите меня|прекратите (присылать|рассылку)/i,
];
const REPLY_SUBJECT = /^\s*(re|aw|antw|sv|vs|r|rif|res|réf|ref|回复|回覆|答复|ответ)\s*(\[\d+\])?\s*[:：]/i;

const headerTrue = (v: string | undefined) => v !== undefined && !/^\s*(no|false|0)?\s*$/i.test(v);
const quote = (s: string, max = 80) => JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s);

/** Per-recipient fields of an RFC 3464 report: the first failed (or delayed) recipient wins. */
function readDeliveryStatus(content: string): { action: string | null; status: string | null; diagnostic: string | null } {
  const blocks = content
    .replace(/\r\n?/g, "\n")
    .replace(/\n[ \t]+/g, " ") // unfold
    .split(/\n\s*\n/);
  let chosen: { action: string | null; status: string | null; diagnostic: string | null } | null = null;
  for (const block of blocks) {
    const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, "im").exec(block)?.[1]?.trim() ?? null;
    const action = field("Action")?.toLowerCase() ?? null;
    const status = field("Status")?.match(/\d\.\d{1,3}\.\d{1,3}/)?.[0] ?? null;
    if (!action && !status) continue;
    const current = { action, status, diagnostic: field("Diagnostic-Code") };
    if (!chosen || (action === "failed" && chosen.action !== "failed")) chosen = current;
  }
  return chosen ?? { action: null, status: null, diagnostic: null };
}

function findMessageId(text: string): string | null {
  return /Message-ID:\s*(<[^>\s]+>)/i.exec(text)?.[1] ?? null;
}

/** The Message-ID inside an attached copy of the original message (message/rfc822, text/rfc822-headers …). */
function findReturnedMessageId(msg: ParsedInbound): string | null {
  const returned = msg.parts.find((p) => RETURNED_TYPES.test(p.contentType));
  return returned ? findMessageId(returned.content) : null;
}

function classifyBounce(msg: ParsedInbound, body: string): InboundClassification | null {
  const evidence: string[] = [];
  const ctype = msg.headers["content-type"] ?? "";
  const dsn = msg.parts.find((p) => DSN_TYPES.test(p.contentType));
  const returned = msg.parts.find((p) => RETURNED_TYPES.test(p.contentType));
  const fromDaemon = isMachineSender({ from: msg.from });
  const nullPath = msg.returnPath === "";
  const report = /multipart\/report/i.test(ctype) && /report-type="?delivery-status/i.test(ctype);
  const subjectHit = BOUNCE_SUBJECT.test(msg.subject.trim());

  let originalMessageId = (returned && findMessageId(returned.content)) ?? null;
  if (dsn) {
    const r = readDeliveryStatus(dsn.content);
    if (r.action && ["delivered", "relayed", "expanded"].includes(r.action)) {
      // A success report (or a relay notice): nothing failed, and it is no auto-reply to a person either.
      const evidence = [`delivery-status: Action=${r.action} Status=${r.status ?? "(none)"} (not a failure)`];
      return { kind: "unrelated", evidence, returnDate: null, originalMessageId, status: r.status };
    }
    evidence.push(`delivery-status: Action=${r.action ?? "(none)"} Status=${r.status ?? "(none)"}`);
    if (r.diagnostic) evidence.push(`Diagnostic-Code: ${quote(r.diagnostic)}`);
    if (fromDaemon) evidence.push(`from ${msg.from}`);
    originalMessageId ??= findMessageId(body);
    // Action failed + 5.x.x = permanent. 4.x.x or "delayed" = transient, even when the MTA has given up.
    const hard = r.status ? r.status.startsWith("5") : r.action === "failed";
    return {
      kind: hard ? "bounce_hard" : "bounce_soft",
      evidence,
      returnDate: null,
      originalMessageId,
      status: r.status,
    };
  }

  const senderSignal = fromDaemon || nullPath || report;
  const enhanced = ENHANCED_STATUS.exec(body);
  const enhancedStatus = enhanced && enhanced[1] !== "2" ? enhanced[0] : null;
  const smtp = enhancedStatus ? null : (SMTP_CODE.exec(body)?.[1] ?? null);
  const hardPhrase = HARD_PHRASES.find((re) => re.test(body));
  const softPhrase = SOFT_PHRASES.find((re) => re.test(body));
  const failureText = Boolean(enhancedStatus || hardPhrase || softPhrase || (smtp && (senderSignal || subjectHit)));
  if (!((subjectHit && (senderSignal || failureText)) || (senderSignal && failureText) || (report && returned))) return null;

  if (fromDaemon) evidence.push(`from ${msg.from}`);
  if (nullPath) evidence.push("Return-Path: <> (null sender)");
  if (report) evidence.push("Content-Type: multipart/report; report-type=delivery-status");
  if (subjectHit) evidence.push(`bounce subject ${quote(msg.subject)}`);
  const status = enhancedStatus ?? smtp;
  if (status) evidence.push(`status ${status} in the report text`);
  if (hardPhrase) evidence.push(`phrase ${quote(hardPhrase.exec(body)![0])}`);
  if (softPhrase) evidence.push(`phrase ${quote(softPhrase.exec(body)![0])}`);
  originalMessageId ??= findMessageId(body);

  let hard: boolean;
  if (status) hard = status.startsWith("5");
  else if (softPhrase && !hardPhrase) hard = false;
  else if (hardPhrase) hard = true;
  else if (/delay|warning|verzögert|retard|延迟|遅延/i.test(msg.subject)) hard = false;
  else {
    // No code and no known phrase: never suppress an address on a guess; soft bounces escalate after three.
    hard = false;
    evidence.push("no status code or known phrase: counted as soft");
  }
  return { kind: hard ? "bounce_hard" : "bounce_soft", evidence, returnDate: null, originalMessageId, status };
}

/**
 * Classifies an inbound message: bounce (hard/soft), challenge-response (a whitelist filter asking the sender
 * to confirm), auto-reply (with a return date when the text gives one), unsubscribe request, human reply, or
 * unrelated. Pure: the message date is the only clock.
 * Order matters: a challenge wins over anything but a hard bounce (filters sometimes answer with a DSN or a
 * mailer-daemon sender, and the address is fine); a bounce that carries Auto-Submitted is still a bounce; an
 * auto-reply is never a reply; unsubscribe wording is only read in what the sender wrote, never in the quoted
 * copy of our mail.
 */
export function classifyInbound(msg: ParsedInbound): InboundClassification {
  const h = msg.headers;
  const rawText = msg.text.trim() ? msg.text : msg.html ? htmlToOwnText(msg.html) : "";
  const body = `${rawText}\n${msg.parts.map((p) => p.content).join("\n")}`;

  const bounce = classifyBounce(msg, body);
  const own = stripQuotedReply(rawText);
  if (bounce?.kind !== "bounce_hard") {
    const challenge = detectChallengeResponse({ ...msg, ownText: own });
    if (challenge) {
      return {
        kind: "challenge_response",
        evidence: challenge.evidence,
        returnDate: null,
        originalMessageId: bounce?.originalMessageId ?? findReturnedMessageId(msg),
        status: null,
        challengeService: challenge.service,
      };
    }
  }
  if (bounce) return bounce;

  const head = own.slice(0, 1500);
  const evidence: string[] = [];
  const autoSubmitted = h["auto-submitted"];
  if (headerTrue(autoSubmitted)) evidence.push(`Auto-Submitted: ${autoSubmitted!.trim()}`);
  for (const name of ["x-autoreply", "x-autorespond", "x-autoresponder", "x-autogenerated", "x-auto-reply"]) {
    if (headerTrue(h[name])) evidence.push(`${name}: ${h[name]!.trim()}`);
  }
  const precedence = h["precedence"]?.trim().toLowerCase();
  if (precedence && /^(auto_reply|bulk|junk)$/.test(precedence)) evidence.push(`Precedence: ${precedence}`);
  const subjectAuto = AUTO_SUBJECT.exec(msg.subject);
  if (subjectAuto) evidence.push(`auto-reply subject ${quote(subjectAuto[0])}`);
  const bodyAuto = AUTO_BODY.map((re) => re.exec(head)).find(Boolean);
  if (bodyAuto) evidence.push(`auto-reply text ${quote(bodyAuto[0])}`);
  if (evidence.length > 0) {
    const ret = msg.date ? parseReturnDate({ text: `${msg.subject}\n${own}`, sentAt: msg.date }) : null;
    if (ret) evidence.push(`return date ${ret.date} from ${quote(ret.match)}`);
    return { kind: "auto_reply", evidence, returnDate: ret?.date ?? null, originalMessageId: null, status: null };
  }

  const subjectWithoutPrefix = msg.subject.replace(/^\s*((re|aw|antw|sv|r|rif|res|fw|fwd|wg)\s*[:：]\s*)+/i, "");
  for (const re of UNSUBSCRIBE) {
    const m = re.exec(own) ?? re.exec(subjectWithoutPrefix);
    if (m) {
      return {
        kind: "unsubscribe_request",
        evidence: [`unsubscribe wording ${quote(m[0])}`],
        returnDate: null,
        originalMessageId: null,
        status: null,
      };
    }
  }

  const replyEvidence: string[] = [];
  if (h["in-reply-to"]) replyEvidence.push(`In-Reply-To: ${h["in-reply-to"].trim()}`);
  else if (h["references"]) replyEvidence.push("References header present");
  if (REPLY_SUBJECT.test(msg.subject)) replyEvidence.push(`reply subject ${quote(msg.subject)}`);
  if (replyEvidence.length > 0) {
    return { kind: "human_reply", evidence: replyEvidence, returnDate: null, originalMessageId: null, status: null };
  }
  return {
    kind: "unrelated",
    evidence: ["no bounce, auto-reply, unsubscribe or reply signal"],
    returnDate: null,
    originalMessageId: null,
    status: null,
  };
}
