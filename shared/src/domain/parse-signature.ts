import { htmlToOwnText } from "./html-to-own-text";
import { stripQuotedReply } from "./strip-quoted-reply";

export interface SignatureFields {
  title: string | null;
  phone: string | null;
  company: string | null;
  website: string | null;
}

// A label, then colons (ASCII or full-width), dots or a space, then the value ("Tel.: +49 …", "电话：…", "T +44 …").
const labelled = (labels: string) => new RegExp(`^(?:${labels})(?:(?:\\s*[.:：])+\\s*|\\s+)(.+)$`, "iu");
const PHONE_LABEL = labelled(
  "tel|telefon|telephone|phone|ph|t|m|mob|mobil|mobile|cell|handy|fon|direct|direkt|tél|móvil|电话|電話|手机|手機|座机|联系电话",
);
const FAX_LABEL = /^(fax|telefax|传真|傳真)\b/iu;
const TITLE_LABEL = labelled("title|position|job title|funktion|职位|職位|职务|職務|头衔");
const COMPANY_LABEL = labelled("company|firma|unternehmen|société|empresa|公司|公司名称|单位");
const WEBSITE_LABEL = labelled("web|website|internet|homepage|site|网址|網址|网站|網站|主页");
// Labels whose value is never one of ours (an imprint's director, a register number …): the line is skipped.
const IMPRINT_LABEL =
  /^(geschäftsführer|geschäftsführung|vorstand|aufsichtsrat|sitz|registergericht|handelsregister|hrb|hra|ust-?id|steuer-?nr|amtsgericht|vat|registered office|company no|email|e-mail|mail|邮箱|郵箱|电邮|地址|address|adresse|anschrift)\s*[.:：]/iu;

const PHONE_VALUE = /^\+?[\d\s()./-]{7,}(?:\s*(?:ext\.?|x|durchwahl)\s*\d+)?$/iu;
const URL_VALUE = /^(?:https?:\/\/)?(?:www\.)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/\S*)?$/iu;
const LEGAL_FORM =
  /(\b(gmbh|ag|kg|ohg|ug|se|ltd|limited|inc|llc|llp|plc|corp|corporation|co\.?|s\.?a\.?|s\.?a\.?s\.?|sarl|s\.?r\.?l\.?|s\.?p\.?a\.?|b\.?v\.?|n\.?v\.?|oy|ab|a\/s|k\.?k\.?|pty)\.?(\s*&\s*co\.?\s*(kg)?)?$)|(有限公司|有限責任公司|集团|集團|股份公司|株式会社)$/iu;
const TITLE_WORD =
  /\b(ceo|cto|cfo|coo|founder|co-founder|owner|president|director|manager|head|lead|chief|vp|vice president|officer|engineer|consultant|specialist|representative|executive|buyer|purchaser|partner|account|sales|marketing|procurement|purchasing|geschäftsführer|geschäftsführerin|leiter|leiterin|einkauf|vertrieb|einkäufer|einkäuferin|referent|referentin|prokurist|inhaber|inhaberin|directeur|directrice|responsable|gerente|jefe|directora)\b|经理|經理|总监|總監|主管|总经理|總經理|采购|採購|销售|銷售|工程师|工程師|董事|主任|经理人|代表/iu;
// Where the signature ends and a disclaimer begins.
const DISCLAIMER =
  /^(confidential|disclaimer|this (e-?mail|message)\b.*\b(confidential|intended)|the information (contained )?in this|diese (e-?mail|nachricht)\b.*\b(vertraulich|enthält)|vertraulichkeit|ce (message|courriel)\b.*\bconfidenti|este (mensaje|correo)\b.*\bconfidencial|免责声明|免責聲明|本邮件|本郵件|此邮件|please consider the environment|bitte denken sie an die umwelt)/iu;
const CLOSING =
  /^(best|kind|warm|many thanks|thanks|thank you|regards|best regards|kind regards|cheers|sincerely|yours|mit freundlichen grüßen|freundliche grüße|viele grüße|beste grüße|liebe grüße|mfg|gruß|grüße|cordialement|bien à vous|saludos|atentamente|cordiali saluti|met vriendelijke groet|此致|敬礼|祝好|谢谢|謝謝|顺祝商祺|順祝商祺|祝商祺|best wishes)\b[\s,.!，。]*$/iu;

const clean = (v: string) =>
  v
    .replace(/[|·•]+\s*$/u, "")
    .replace(/\s+/gu, " ")
    .trim();

/** The lines of the signature: after "-- ", else after the last closing phrase, else the last 10 lines. */
function signatureLines(own: string): string[] {
  const lines = own.split("\n").map((l) => l.trim());
  const disclaimerAt = lines.findIndex((l) => DISCLAIMER.test(l));
  const body = disclaimerAt >= 0 ? lines.slice(0, disclaimerAt) : lines;
  const dashes = body.lastIndexOf("--");
  const closing = body.findLastIndex((l) => CLOSING.test(l));
  const start = dashes >= 0 ? dashes + 1 : closing >= 0 ? closing + 1 : Math.max(0, body.length - 10);
  return body
    .slice(start)
    .flatMap((l) => l.split(/\s+[|·•]\s+|\s{3,}/u))
    .map(clean)
    .filter((l) => l.length > 0);
}

const DATE_VALUE = /^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{4}$/u;
const isPhone = (v: string) => PHONE_VALUE.test(v) && !DATE_VALUE.test(v) && (v.match(/\d/gu)?.length ?? 0) >= 7;
const isWebsite = (v: string) => URL_VALUE.test(v) && !v.includes("@");

/**
 * Title, phone, company name and website from the sender's signature of a message body (plain text or HTML). Quoted
 * history and disclaimers are ignored; a field the signature does not state is null (never guessed from the address).
 */
export function parseSignature(input: { text?: string; html?: string; senderName?: string | null }): SignatureFields {
  const own = stripQuotedReply(input.html !== undefined ? htmlToOwnText(input.html) : (input.text ?? ""));
  const out: SignatureFields = { title: null, phone: null, company: null, website: null };
  const name = input.senderName?.trim().toLowerCase() ?? "";
  const lines = signatureLines(own);
  const take = (key: keyof SignatureFields, value: string, max: number) => {
    const v = clean(value);
    if (out[key] === null && v.length > 0 && v.length <= max) out[key] = v;
  };
  let afterName = false;
  for (const line of lines) {
    const wasAfterName = afterName;
    afterName = name.length > 0 && line.toLowerCase() === name;
    if (afterName || FAX_LABEL.test(line) || IMPRINT_LABEL.test(line)) continue;
    const phone = PHONE_LABEL.exec(line)?.[1];
    if (phone && isPhone(phone.replace(/\s*\(.*?\)\s*$/u, ""))) {
      take("phone", phone, 50);
      continue;
    }
    const title = TITLE_LABEL.exec(line)?.[1];
    if (title) {
      take("title", title, 200);
      continue;
    }
    const company = COMPANY_LABEL.exec(line)?.[1];
    if (company && !isWebsite(company)) {
      take("company", company, 200);
      continue;
    }
    const web = WEBSITE_LABEL.exec(line)?.[1];
    if (web && isWebsite(web)) {
      take("website", web, 200);
      continue;
    }
    if (isPhone(line)) take("phone", line, 50);
    else if (isWebsite(line)) take("website", line, 200);
    else if (line.length <= 80 && LEGAL_FORM.test(line)) take("company", line, 200);
    else if (line.length <= 80 && !/\d{3,}|@/u.test(line) && (TITLE_WORD.test(line) || wasAfterName)) take("title", line, 200);
  }
  return out;
}
