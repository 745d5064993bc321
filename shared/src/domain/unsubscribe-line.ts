// The visible unsubscribe sentence at the foot of a sequence email, in the recipient's language.
// `before` + link(`link`) + `after`; the sender renders it as HTML or plain text.
const lines: Record<string, { before: string; link: string; after: string }> = {
  en: { before: "If you would rather not hear from me again, ", link: "unsubscribe here", after: "." },
  zh: { before: "如果您不想再收到我的邮件，请", link: "点击此处退订", after: "。" },
  es: { before: "Si prefiere no recibir más correos míos, ", link: "darse de baja aquí", after: "." },
  de: { before: "Wenn Sie keine weiteren E-Mails von mir erhalten möchten, ", link: "können Sie sich hier abmelden", after: "." },
  fr: { before: "Si vous ne souhaitez plus recevoir mes e-mails, ", link: "désabonnez-vous ici", after: "." },
  pt: { before: "Se preferir não receber mais e-mails meus, ", link: "cancele a inscrição aqui", after: "." },
  it: { before: "Se preferisce non ricevere più mie e-mail, ", link: "annulli l'iscrizione qui", after: "." },
  nl: { before: "Wilt u liever geen e-mails meer van mij ontvangen? ", link: "Schrijf u hier uit", after: "." },
  ja: { before: "今後のメール配信を希望されない場合は、", link: "こちらから配信停止", after: "してください。" },
  ru: { before: "Если вы не хотите больше получать от меня письма, ", link: "отпишитесь здесь", after: "." },
  ar: { before: "إذا كنت لا ترغب في تلقي رسائل أخرى مني، ", link: "يمكنك إلغاء الاشتراك من هنا", after: "." },
};

export const unsubscribeLanguages = Object.keys(lines);

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/**
 * The unsubscribe sentence for `language` (primary tag; unknown languages get English) with `url` as
 * the link: `html` for the HTML part (Arabic marked right-to-left), `text` for the plain-text part.
 */
export function unsubscribeLine({ language, url }: { language: string | null | undefined; url: string }): {
  language: string;
  html: string;
  text: string;
} {
  const tag = (language ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";
  const lang = tag in lines ? tag : "en";
  const l = lines[lang]!;
  const dir = lang === "ar" ? ' dir="rtl"' : "";
  return {
    language: lang,
    html: `<p${dir} lang="${lang}">${escapeHtml(l.before)}<a href="${escapeHtml(url)}">${escapeHtml(l.link)}</a>${escapeHtml(l.after)}</p>`,
    text: `${l.before}${l.link}${l.after.replace(/[.。]$/, "")}: ${url}`,
  };
}
