// The visible unsubscribe line under every sequence email, in the template's language.
const lines: Record<string, { before: string; link: string; after: string }> = {
  en: { before: "If you would rather not hear from me again, ", link: "unsubscribe here", after: "." },
  de: { before: "Wenn Sie keine weiteren Nachrichten von mir wünschen, ", link: "hier abmelden", after: "." },
  fr: { before: "Si vous ne souhaitez plus recevoir mes messages, ", link: "désabonnez-vous ici", after: "." },
  es: { before: "Si prefiere no recibir más mensajes míos, ", link: "darse de baja aquí", after: "." },
  it: { before: "Se preferisce non ricevere altri messaggi, ", link: "annulli l'iscrizione qui", after: "." },
  pt: { before: "Se preferir não receber mais mensagens minhas, ", link: "cancele aqui", after: "." },
  nl: { before: "Wilt u geen berichten meer van mij ontvangen? ", link: "Meld u hier af", after: "." },
  zh: { before: "如不希望再收到我的邮件，请", link: "点此退订", after: "。" },
  ja: { before: "今後のご連絡が不要な場合は", link: "こちらから配信停止", after: "してください。" },
  ar: { before: "إذا كنت لا ترغب في تلقي رسائلي مرة أخرى، ", link: "يمكنك إلغاء الاشتراك هنا", after: "." },
};

/** The line's parts for a language (English when the language has no translation). */
export function unsubscribeLine(language: string | null | undefined): { before: string; link: string; after: string } {
  return lines[(language ?? "en").toLowerCase()] ?? lines.en!;
}
