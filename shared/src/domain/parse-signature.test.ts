import { expect, test } from "vitest";
import { mergeSignatureFields } from "./merge-signature-fields";
import { parseSignature, type SignatureFields } from "./parse-signature";

const f = (v: Partial<SignatureFields>): SignatureFields => ({ title: null, phone: null, company: null, website: null, ...v });

test.each<[string, { text?: string; html?: string; senderName?: string }, SignatureFields]>([
  [
    "english, closing + name + title | company",
    {
      senderName: "Sarah Miller",
      text: "Hi Emma,\n\nsend me the quote for 200 units please.\n\nBest regards,\nSarah Miller\nHead of Procurement | Northwind Traders Ltd.\nT: +44 20 7946 0958\nwww.northwind-traders.co.uk",
    },
    f({
      title: "Head of Procurement",
      company: "Northwind Traders Ltd.",
      phone: "+44 20 7946 0958",
      website: "www.northwind-traders.co.uk",
    }),
  ],
  [
    "german, Mobil/Tel./GmbH, imprint Geschäftsführer is not the title, fax skipped",
    {
      senderName: "Anna Schmidt",
      text: [
        "Hallo Frau Clark,",
        "",
        "anbei unsere Anfrage.",
        "",
        "Mit freundlichen Grüßen",
        "Anna Schmidt",
        "Leiterin Einkauf",
        "Müller Maschinenbau GmbH",
        "Fax: +49 89 1234 5679",
        "Tel.: +49 89 1234 5678",
        "Mobil: +49 171 234 5678",
        "https://www.mueller-maschinenbau.de",
        "Geschäftsführer: Hans Müller · Sitz: München · HRB 123456",
      ].join("\n"),
    },
    f({
      title: "Leiterin Einkauf",
      company: "Müller Maschinenbau GmbH",
      phone: "+49 89 1234 5678",
      website: "https://www.mueller-maschinenbau.de",
    }),
  ],
  [
    "german, bare Geschäftsführer under the name is the title",
    {
      senderName: "Jonas Weber",
      text: "Danke!\n\nViele Grüße\nJonas Weber\nGeschäftsführer\nWeber & Söhne GmbH & Co. KG\n+49 (0) 30 123 45 67",
    },
    f({ title: "Geschäftsführer", company: "Weber & Söhne GmbH & Co. KG", phone: "+49 (0) 30 123 45 67" }),
  ],
  [
    "chinese, labelled with full-width colons",
    {
      senderName: "李伟",
      text: "王先生您好，\n\n请报价。\n\n此致\n敬礼\n李伟\n职位：采购经理\n公司：深圳华星电子有限公司\n电话：+86 755 8888 6666\n手机：138 0013 8000\n网址：www.huaxing-elec.cn\n邮箱：li.wei@huaxing-elec.cn",
    },
    f({ title: "采购经理", company: "深圳华星电子有限公司", phone: "+86 755 8888 6666", website: "www.huaxing-elec.cn" }),
  ],
  [
    "chinese, unlabelled company by 有限公司, mobile only",
    { text: "收到，谢谢。\n\n祝好\n张敏\n销售总监\n上海恒远贸易有限公司\n手机: 139 1234 5678" },
    f({ title: "销售总监", company: "上海恒远贸易有限公司", phone: "139 1234 5678" }),
  ],
  [
    "french, Tél. and Directeur",
    {
      senderName: "Claire Dubois",
      text: "Bonjour,\n\nMerci.\n\nCordialement,\nClaire Dubois\nDirectrice commerciale\nAtelier Lumière SAS\nTél. : +33 1 42 68 53 00",
    },
    f({ title: "Directrice commerciale", company: "Atelier Lumière SAS", phone: "+33 1 42 68 53 00" }),
  ],
  [
    "html signature (gmail), quoted reply ignored",
    {
      senderName: "Sarah Miller",
      html: '<div dir="ltr">Sounds good.<br><br>Thanks,<br>Sarah Miller<br>Purchasing Manager<br>Acme Corp<br><a href="tel:+15551234567">+1 (555) 123-4567</a><br><a href="https://acme.com">acme.com</a></div><div class="gmail_quote">On Mon, Emma wrote:<br>Emma Clark<br>Sales Director<br>Threadline Inc.<br>+1 555 999 0000</div>',
    },
    f({ title: "Purchasing Manager", company: "Acme Corp", phone: "+1 (555) 123-4567", website: "acme.com" }),
  ],
  [
    "plain-text quoted reply: the quoted signature is not the sender's",
    {
      text: "Please call me.\n\nOn Mon, 3 Mar 2025 at 09:00, Emma Clark <emma@threadline.test> wrote:\n> Emma Clark\n> Sales Director\n> Threadline Inc.\n> +1 555 999 0000",
    },
    f({}),
  ],
  [
    "disclaimer after the signature is ignored",
    {
      text: "Ok.\n\n-- \nTom Baker\nAccount Executive\nTel +1 212 555 0199\nCONFIDENTIALITY NOTICE: This e-mail is intended only for the named recipient. Call +1 800 555 0100 or visit www.legal-example.com.",
    },
    f({ title: "Account Executive", phone: "+1 212 555 0199" }),
  ],
  [
    "german disclaimer",
    {
      text: "Gerne.\n\nGruß\nPetra Lang\nVertrieb\nDiese E-Mail enthält vertrauliche Informationen. www.impressum-example.de +49 800 000 0000",
    },
    f({ title: "Vertrieb" }),
  ],
  ["no signature at all", { text: "ok thanks" }, f({})],
  ["empty body", { text: "" }, f({})],
  ["an email address is not a website and a date is not a phone", { text: "Best,\nMaria\nmaria@example.org\n2025-03-03" }, f({})],
])("%s", (_name, input, expected) => {
  expect(parseSignature(input)).toEqual(expected);
});

test.each<[string, Record<string, string | null | undefined>, Record<string, string | null | undefined>]>([
  [
    "fills empty fields",
    { title: null, phone: "" },
    { title: "Einkauf", phone: "+49 1", company: "Acme GmbH", website: "acme.de" },
  ],
  [
    "keeps what the rep typed",
    { title: "CEO", phone: "+1 2", company: "Mine", website: "mine.com" },
    { title: "CEO", phone: "+1 2", company: "Mine", website: "mine.com" },
  ],
  ["blank counts as empty", { title: "  " }, { title: "Einkauf", phone: "+49 1", company: "Acme GmbH", website: "acme.de" }],
])("merge: %s", (_name, current, expected) => {
  const parsed = f({ title: "Einkauf", phone: "+49 1", company: "Acme GmbH", website: "acme.de" });
  expect(mergeSignatureFields({ current, parsed })).toEqual(expected);
});

test("merge: a field the signature lacks stays as it was", () => {
  expect(mergeSignatureFields({ current: { title: null, email: "a@b.c" }, parsed: f({ phone: "+49 1" }) })).toEqual({
    title: null,
    email: "a@b.c",
    phone: "+49 1",
  });
});
