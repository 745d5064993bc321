import type { ImportField } from "../schemas/import";

// Header spellings seen in trade-show lead lists, CRM and Excel exports, English and Chinese.
// Compared after normalising: lower case, without spaces, punctuation and a trailing "(optional)".
const aliases: Record<Exclude<ImportField, "ignore">, string[]> = {
  email: [
    "email",
    "e-mail",
    "emailaddress",
    "e-mailaddress",
    "mail",
    "mailaddress",
    "邮箱",
    "电子邮件",
    "电子邮箱",
    "邮件",
    "邮箱地址",
    "电子邮件地址",
    "email地址",
  ],
  firstName: ["firstname", "first", "givenname", "forename", "名", "名字"],
  lastName: ["lastname", "last", "surname", "familyname", "姓", "姓氏"],
  displayName: ["name", "fullname", "contactname", "contact", "contactperson", "姓名", "联系人", "全名", "客户姓名"],
  title: ["title", "jobtitle", "position", "role", "designation", "职位", "职务", "头衔", "岗位"],
  phone: [
    "phone",
    "phonenumber",
    "tel",
    "telephone",
    "mobile",
    "mobilephone",
    "cell",
    "cellphone",
    "whatsapp",
    "电话",
    "手机",
    "手机号",
    "手机号码",
    "联系电话",
    "电话号码",
  ],
  country: ["country", "countryregion", "countrycode", "nation", "国家", "国家地区", "国别", "地区"],
  language: ["language", "lang", "preferredlanguage", "语言"],
  timeZone: ["timezone", "tz", "时区"],
  company: [
    "company",
    "companyname",
    "organization",
    "organisation",
    "org",
    "account",
    "accountname",
    "firm",
    "公司",
    "公司名称",
    "单位",
    "企业",
    "企业名称",
  ],
  tags: ["tags", "tag", "labels", "label", "标签"],
  stage: ["stage", "leadstage", "lifecyclestage", "阶段"],
};

const lookup = new Map<string, ImportField>();
for (const [field, names] of Object.entries(aliases) as [ImportField, string[]][]) {
  for (const n of names) lookup.set(normaliseHeader(n), field);
}

export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .toLowerCase()
    .replace(/[(（][^)）]*[)）]\s*$/u, "")
    .replace(/[\s_\-./:：*·]+/gu, "");
}

/**
 * header → field for a CSV's header row. Known spellings are detected; `overrides` (by exact header) win;
 * every other header is "ignore". A field is given to the first header that claims it only.
 */
export function detectColumnMapping({
  headers,
  overrides = {},
}: {
  headers: readonly string[];
  overrides?: Record<string, ImportField>;
}): Record<string, ImportField> {
  const mapping: Record<string, ImportField> = {};
  const taken = new Set<ImportField>(Object.values(overrides).filter((f) => f !== "ignore"));
  for (const header of headers) {
    const forced = overrides[header];
    if (forced) {
      mapping[header] = forced;
      continue;
    }
    const field = lookup.get(normaliseHeader(header));
    if (field && !taken.has(field)) {
      mapping[header] = field;
      taken.add(field);
    } else mapping[header] = "ignore";
  }
  return mapping;
}
