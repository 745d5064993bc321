// Challenge-response / whitelist filters (Boxbe, Bluebottle, Spam Arrest, MailInBlack, TMDA …) answer a first
// message with "confirm you are a person and your mail will be delivered". The address works and a person
// reads it once the sender is approved: it is neither a bounce nor a reply.

/** The services whose names or domains identify a challenge on their own (in the sender, links or text). */
const SERVICES: { name: string; re: RegExp }[] = [
  { name: "Boxbe", re: /\bboxbe(\.com)?\b/i },
  { name: "Bluebottle", re: /\bbluebottle\.com\b/i },
  { name: "Spam Arrest", re: /\bspam ?arrest(\.com)?\b/i },
  { name: "MailInBlack", re: /\bmail ?in ?black(\.com)?\b/i },
  { name: "SpamEnMoins", re: /\bspamenmoins(\.com)?\b/i },
  { name: "Mailblocks", re: /\bmailblocks\.com\b/i },
  { name: "ChoiceMail", re: /\bchoicemail\b/i },
  { name: "Sendio", re: /\bsendio\b/i },
  { name: "EarthLink spamBlocker", re: /\bspamblocker\b/i },
  { name: "TMDA", re: /\bTMDA\b/ },
];

/** What the filters ask for, in the languages we meet. Each is specific to a challenge, not to a person's reply. */
const ASKS: RegExp[] = [
  /\b(confirm|verify|prove|show)\b[^.\n]{0,60}\b(you are|you're|that you are) (a )?(human|real person|real sender|person|not a (robot|spammer|machine|computer))\b/i,
  /\bsender verification\b/i,
  /\bchallenge[- ]response\b/i,
  /\b(spam|anti-?spam|junk[- ]?mail) (filter|protection|blocker|control|system|service|software)\b[^\n]{0,160}\b(verif|confirm|approv|authori[sz])/i,
  /\b(verif|confirm|approv|authori[sz])\w*\b[^\n]{0,120}\b(white ?list|allow ?list|approved senders?|guest list|safe senders?)\b/i,
  /\b(white ?list|allow ?list|approved senders?|guest list|safe senders?)\b[^\n]{0,120}\b(verif|confirm|approv|authori[sz])/i,
  /\b(your|the) (message|e-?mail|mail)\b[^\n]{0,80}\b(is being held|has been held|is on hold|is pending|is waiting|will be held|has been quarantined|will not be delivered|won't be delivered)\b[^\n]{0,120}\b(until|unless|once)\b/i,
  /\bpre-?approved senders?\b|\bsender not pre-?approved\b/i,
  /\bto complete (this|the) verification\b/i,
  /un clic pour d[ée]livrer|(votre|ce) (message|e-?mail|courriel)[^\n]{0,40}en attente (de validation|d'authentification|de confirmation)|confirmer que vous (ê|e)tes (bien )?(un être humain|une personne|un humain)/i,
  /best(ä|ae)tigen sie[^\n]{0,40}, dass sie (ein mensch|eine (reale|echte) person|kein (roboter|spammer))|absenderbest(ä|ae)tigung|ihre (nachricht|e-?mail) wurde[^\n]{0,40}(zurückgehalten|angehalten)[^\n]{0,80}bis/i,
  /confirme que (usted )?es (una persona|un ser humano|humano)|verificaci[óo]n del remitente/i,
];

/** With a known service and a machine sender, any request to act is enough. */
const LOOSE_ASK = /\b(verify|verification|confirm|approve|authori[sz]e|white ?list|guest list|click (here|the link|below))\b/i;

export interface ChallengeResponseInput {
  from: string | null;
  returnPath: string | null;
  subject: string;
  headers: Record<string, string>;
  /** What the filter wrote (the quoted copy of our own message removed). */
  ownText: string;
}

export interface ChallengeResponseMatch {
  /** The service when it is known ("Boxbe"), else null (a generic challenge). */
  service: string | null;
  evidence: string[];
}

const quote = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);

/**
 * A challenge-response or whitelist request, or null. One of the asks plus a known service (in the sender or
 * the text) or a machine sender (Auto-Submitted, a null or no-reply sender, Precedence); or a known service,
 * a machine sender and any request to verify/confirm. A person who writes "please confirm", or who just
 * writes from @bluebottle.com, is never one.
 */
export function detectChallengeResponse(input: ChallengeResponseInput): ChallengeResponseMatch | null {
  const h = input.headers;
  const sender = [input.from, input.returnPath, h["reply-to"], h["sender"], h["x-delivery-agent"], h["x-mailer"]]
    .filter((v): v is string => Boolean(v))
    .join(" ");
  const text = `${input.subject}\n${input.ownText.slice(0, 4000)}`;
  const inSender = SERVICES.find((s) => s.re.test(sender));
  const inText = SERVICES.find((s) => s.re.test(text));
  const ask = ASKS.map((re) => re.exec(text)).find(Boolean);
  const machine =
    (h["auto-submitted"] !== undefined && !/^\s*no\s*$/i.test(h["auto-submitted"])) ||
    input.returnPath === "" ||
    /^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|verify|confirm|challenge|notifications?)[@+.-]/i.test(
      input.from ?? "",
    ) ||
    /^(auto_reply|bulk|junk)$/i.test(h["precedence"]?.trim() ?? "");

  const evidence: string[] = [];
  const service = inSender ?? inText;
  const looseAsk = service && machine ? LOOSE_ASK.exec(text) : null;
  // Some services are also mail providers (people write from @bluebottle.com): a name alone decides nothing.
  if (!(ask && (service || machine)) && !looseAsk) return null;
  if (inSender) evidence.push(`challenge-response service ${inSender.name} in the sender`);
  else if (inText) evidence.push(`challenge-response service ${inText.name} named in the text`);
  if (ask ?? looseAsk) evidence.push(`challenge wording ${quote((ask ?? looseAsk)![0])}`);
  if (machine) evidence.push("sent by a machine (Auto-Submitted, null or no-reply sender, or Precedence)");
  return { service: service?.name ?? null, evidence };
}
