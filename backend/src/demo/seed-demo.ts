// The demo workspace: seeded on first start with an empty database, so a new user has something to look at.
import { eq } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { checkPassword } from "@threadline/shared/domain/check-password";
import { createLogin, hashPassword } from "../auth/create-login";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { apiTokens, authUsers, templates, users, workspaces } from "../db/schema";
import { hashToken } from "../http/auth";
import { createContact } from "../repo/contacts";
import { createWorkspaceWithOwner } from "../repo/workspaces";

export const DEMO_OWNER_EMAIL = "demo.owner@threadline.example";

// [first, last, email, country, zone, title, stage, tags]
type Row = [string, string, string, string, string | null, string, string, string[]];
const people: Row[] = [
  [
    "Wei",
    "Li",
    "li.wei@shenzhen-bright.cn",
    "CN",
    "Asia/Shanghai",
    "Purchasing Manager",
    "qualified",
    ["led", "canton-fair-2026"],
  ],
  ["Fang", "Zhang", "zhang.fang@shenzhen-bright.cn", "CN", "Asia/Shanghai", "Engineer", "lead", ["led"]],
  ["Min", "Chen", "chen.min@ningbo-marine.com", "CN", null, "Director", "quoted", ["marine"]],
  ["Jun", "Wang", "jun.wang@qq.com", "CN", "Asia/Shanghai", "Owner", "lead", ["canton-fair-2026"]],
  ["Hannah", "Schmidt", "h.schmidt@rheinmetall-parts.de", "DE", "Europe/Berlin", "Einkauf", "negotiation", ["automotive"]],
  ["Lukas", "Weber", "l.weber@rheinmetall-parts.de", "DE", "Europe/Berlin", "Technical Buyer", "contacted", ["automotive"]],
  ["Sophie", "Müller", "sophie.mueller@hamburg-import.de", "DE", null, "CEO", "customer", ["vip"]],
  [
    "Carlos",
    "García",
    "carlos.garcia@distribuciones-iberia.es",
    "ES",
    "Europe/Madrid",
    "Director de Compras",
    "qualified",
    ["spain"],
  ],
  ["Lucía", "Martínez", "lucia.martinez@distribuciones-iberia.es", "ES", "Europe/Madrid", "Compradora", "lead", ["spain"]],
  ["Diego", "Fernández", "diego@andes-trading.cl", "CL", "America/Santiago", "Gerente", "contacted", ["latam"]],
  ["Valentina", "López", "valentina.lopez@mx-industrial.mx", "MX", "America/Mexico_City", "Compras", "quoted", ["latam"]],
  ["Mateo", "Rodríguez", "mateo@baires-import.com.ar", "AR", null, "Importador", "lead", ["latam"]],
  ["John", "Carter", "john.carter@midwest-supply.com", "US", "America/Chicago", "Procurement Lead", "negotiation", ["us"]],
  ["Emily", "Nguyen", "emily.nguyen@pacific-goods.com", "US", "America/Los_Angeles", "Sourcing Manager", "qualified", ["us"]],
  ["Michael", "Brown", "mbrown@eastcoast-retail.com", "US", "America/New_York", "Buyer", "contacted", ["us", "retail"]],
  ["Sarah", "Johnson", "sarah.j@gmail.com", "US", "America/New_York", "Independent Agent", "lead", ["agent"]],
  ["Oliver", "Smith", "oliver.smith@london-fixtures.co.uk", "GB", "Europe/London", "Head of Buying", "customer", ["uk"]],
  ["Amelia", "Jones", "amelia@manchester-home.co.uk", "GB", null, "Category Manager", "contacted", ["uk"]],
  ["Léa", "Dubois", "lea.dubois@lyon-equipements.fr", "FR", "Europe/Paris", "Acheteuse", "qualified", ["france"]],
  ["Hugo", "Bernard", "hugo.bernard@orange.fr", "FR", "Europe/Paris", "Consultant", "lead", ["france"]],
  ["Giulia", "Rossi", "giulia.rossi@milano-design.it", "IT", "Europe/Rome", "Responsabile Acquisti", "quoted", ["italy"]],
  ["Marco", "Bianchi", "marco.bianchi@torino-meccanica.it", "IT", null, "Direttore Tecnico", "contacted", ["italy"]],
  ["Daan", "de Vries", "daan@rotterdam-logistics.nl", "NL", "Europe/Amsterdam", "Inkoper", "negotiation", ["logistics"]],
  ["Emma", "Jansen", "emma.jansen@rotterdam-logistics.nl", "NL", "Europe/Amsterdam", "Operations", "lead", ["logistics"]],
  [
    "Ahmed",
    "Al-Farsi",
    "ahmed@riyadh-build.sa",
    "SA",
    "Asia/Riyadh",
    "Procurement Director",
    "qualified",
    ["gulf", "construction"],
  ],
  ["Fatima", "Al-Sayed", "fatima@dubai-hospitality.ae", "AE", "Asia/Dubai", "Purchasing Head", "quoted", ["gulf"]],
  ["Omar", "Haddad", "omar.haddad@cairo-textiles.eg", "EG", null, "Owner", "contacted", ["textiles"]],
  ["Yuki", "Tanaka", "y.tanaka@osaka-precision.jp", "JP", "Asia/Tokyo", "購買部 課長", "negotiation", ["japan"]],
  ["Haruto", "Sato", "h.sato@tokyo-trading.co.jp", "JP", "Asia/Tokyo", "Manager", "lead", ["japan"]],
  ["Ji-woo", "Kim", "jiwoo.kim@busan-ship.kr", "KR", "Asia/Seoul", "Buyer", "contacted", ["marine"]],
  ["Priya", "Sharma", "priya.sharma@mumbai-pharma.in", "IN", "Asia/Kolkata", "Procurement Manager", "qualified", ["pharma"]],
  ["Arjun", "Patel", "arjun@ahmedabad-chem.in", "IN", null, "Director", "lead", ["chemicals"]],
  ["Siti", "Rahman", "siti@kl-electronics.my", "MY", "Asia/Kuala_Lumpur", "Purchasing", "contacted", ["electronics"]],
  ["Nguyen", "Van An", "an.nguyen@hanoi-garment.vn", "VN", "Asia/Ho_Chi_Minh", "Merchandiser", "quoted", ["textiles"]],
  ["Budi", "Santoso", "budi@jakarta-furniture.id", "ID", "Asia/Jakarta", "Owner", "lead", ["furniture"]],
  [
    "Isabella",
    "Silva",
    "isabella.silva@sp-distribuidora.com.br",
    "BR",
    "America/Sao_Paulo",
    "Compradora",
    "negotiation",
    ["latam", "brazil"],
  ],
  ["Rafael", "Costa", "rafael@rio-importacao.com.br", "BR", null, "Gerente de Compras", "contacted", ["brazil"]],
  ["Jack", "Wilson", "jack.wilson@sydney-hardware.com.au", "AU", "Australia/Sydney", "Buyer", "customer", ["australia"]],
  [
    "Chloe",
    "Taylor",
    "chloe@perth-mining-supply.com.au",
    "AU",
    "Australia/Perth",
    "Supply Officer",
    "contacted",
    ["australia", "mining"],
  ],
  ["Noah", "Tremblay", "noah@montreal-distrib.ca", "CA", "America/Toronto", "Acheteur", "qualified", ["canada"]],
  ["Ivan", "Petrov", "ivan.petrov@mail.ru", "RU", "Europe/Moscow", "Снабжение", "lead", ["cis"]],
  ["Anna", "Kowalska", "anna.kowalska@warsaw-tools.pl", "PL", "Europe/Warsaw", "Zakupy", "contacted", ["poland"]],
  ["Mehmet", "Yılmaz", "mehmet@istanbul-steel.com.tr", "TR", "Europe/Istanbul", "Satın Alma Müdürü", "quoted", ["steel"]],
  ["Chinedu", "Okafor", "chinedu@lagos-power.ng", "NG", "Africa/Lagos", "Procurement", "lead", ["africa", "energy"]],
  ["Thabo", "Nkosi", "thabo@joburg-mining.co.za", "ZA", "Africa/Johannesburg", "Buyer", "contacted", ["africa", "mining"]],
  ["Lars", "Andersson", "lars.andersson@stockholm-interior.se", "SE", "Europe/Stockholm", "Inköpare", "qualified", ["nordics"]],
  ["Mia", "Hansen", "mia@oslo-marine.no", "NO", null, "Innkjøper", "lead", ["nordics", "marine"]],
  [
    "Kai",
    "Schneider",
    "kai.schneider@zurich-instruments.ch",
    "CH",
    "Europe/Zurich",
    "Einkaufsleiter",
    "negotiation",
    ["precision"],
  ],
  ["Eitan", "Levi", "eitan@telaviv-tech.co.il", "IL", "Asia/Jerusalem", "VP Operations", "contacted", ["tech"]],
  ["Grace", "Lim", "grace.lim@sg-sourcing.com.sg", "SG", "Asia/Singapore", "Sourcing Lead", "qualified", ["asean"]],
];

const demoTemplates = [
  {
    name: "First contact — trade show follow-up",
    subject: "Great to meet you at {{event | the fair}}, {{first_name | there}}",
    bodyHtml:
      "<p>Hi {{first_name | there}},</p><p>Thank you for stopping by our booth at {{event | the fair}}. As promised, I attach our catalogue for {{company.name | your company}}.</p><p>Would a short call this week suit you?</p><p>Best regards,<br>{{sender.name}}</p>",
    language: "en",
    folder: "Prospecting",
    tags: ["trade-show"],
  },
  {
    name: "Quotation sent",
    subject: "Quotation {{quote_number}} for {{company.name | your company}}",
    bodyHtml:
      "<p>Dear {{first_name | Sir or Madam}},</p><p>Please find our quotation <b>{{quote_number}}</b> attached. Prices are valid for 30 days, FOB {{port | Shanghai}}.</p><p>Kind regards,<br>{{sender.name}}</p>",
    language: "en",
    folder: "Sales",
    tags: ["quote"],
  },
  {
    name: "Gentle follow-up",
    subject: "Following up",
    bodyHtml:
      "<p>Hi {{first_name | there}},</p><p>Just checking whether you had a chance to look at my last message. Happy to answer any question.</p><p>{{sender.name}}</p>",
    language: "en",
    folder: "Follow-ups",
    tags: ["follow-up"],
  },
  {
    name: "询价回复 (Chinese inquiry reply)",
    subject: "关于{{company.name | 贵公司}}的询价回复",
    bodyHtml:
      "<p>{{last_name}}{{title | 先生/女士}}，您好！</p><p>感谢您的询价。我们已整理好报价单，请查收附件。如有任何问题，欢迎随时联系。</p><p>此致<br>敬礼<br>{{sender.name}}</p>",
    language: "zh",
    folder: "Sales",
    tags: ["inquiry", "询价"],
  },
  {
    name: "Seguimiento de cotización (Spanish)",
    subject: "Seguimiento de la cotización para {{company.name | su empresa}}",
    bodyHtml:
      "<p>Estimado/a {{first_name | cliente}}:</p><p>Le escribo para dar seguimiento a la cotización que le enviamos. ¿Tiene alguna pregunta sobre precios o plazos de entrega?</p><p>Saludos cordiales,<br>{{sender.name}}</p>",
    language: "es",
    folder: "Follow-ups",
    tags: ["quote", "latam"],
  },
];

/** A random console password for the demo owner (16 characters, base64url), one the password rule accepts. */
export function generateDemoPassword(): string {
  for (;;) {
    const candidate = randomBytes(12).toString("base64url");
    if (checkPassword({ password: candidate, email: DEMO_OWNER_EMAIL }) === null) return candidate;
  }
}

/**
 * Gives the demo owner a console login when they have none yet: `password` (THREADLINE_DEMO_PASSWORD) or a random
 * one. Returns the password when it was just set (the server prints it that once), else null.
 */
async function ensureDemoLogin(db: Db, owner: { id: string; name: string }, password: string | undefined) {
  const existing = await db.select({ id: authUsers.id }).from(authUsers).where(eq(authUsers.threadlineUserId, owner.id));
  if (existing[0]) return null;
  const chosen = password ?? generateDemoPassword();
  await createLogin(db, {
    threadlineUserId: owner.id,
    email: DEMO_OWNER_EMAIL,
    name: owner.name,
    passwordHash: await hashPassword(chosen),
  });
  return chosen;
}

/**
 * Seeds the demo workspace when the database has no workspace yet. When `token` is given (THREADLINE_DEMO_TOKEN),
 * makes sure the demo owner has exactly that token, also on later starts. The demo owner gets a console password
 * once (`password`, THREADLINE_DEMO_PASSWORD, or a random one): returned as `password` only by the start that set it.
 */
export async function seedDemo(
  db: Db,
  opts: { token?: string; password?: string },
): Promise<{ created: boolean; token: string | null; workspaceId: string | null; password: string | null }> {
  const any = await db.select({ id: workspaces.id }).from(workspaces).limit(1);
  if (any[0]) {
    const owner = (await db.select().from(users).where(eq(users.email, DEMO_OWNER_EMAIL)).limit(1))[0];
    if (owner && opts.token) {
      const hash = hashToken(opts.token);
      const has = await db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.tokenHash, hash)).limit(1);
      if (!has[0]) {
        await db.insert(apiTokens).values({
          id: newId("tk"),
          workspaceId: owner.workspaceId,
          userId: owner.id,
          name: "THREADLINE_DEMO_TOKEN",
          tokenHash: hash,
          prefix: opts.token.slice(0, 8),
        });
      }
    }
    // A demo database from before console sign-in gets its owner's login on the next start.
    const password = owner ? await ensureDemoLogin(db, owner, opts.password) : null;
    return { created: false, token: opts.token ?? null, workspaceId: owner?.workspaceId ?? null, password };
  }
  const { workspaceId, userId, token } = await createWorkspaceWithOwner(db, {
    name: "Demo Export Co.",
    ownerEmail: DEMO_OWNER_EMAIL,
    ownerName: "Demo Owner",
    ownerTimeZone: "Asia/Shanghai",
    token: opts.token,
  });
  const repId = newId("us");
  await db.insert(users).values({
    id: repId,
    workspaceId,
    email: "rep.anna@threadline.example",
    name: "Anna Rep",
    role: "rep",
    timeZone: "Europe/Berlin",
  });
  for (const [i, [firstName, lastName, email, country, timeZone, title, stage, tags]] of people.entries()) {
    await createContact(db, {
      workspaceId,
      actor: "system:demo",
      data: {
        email,
        firstName,
        lastName,
        displayName: `${firstName} ${lastName}`,
        country,
        timeZone,
        title,
        stage: stage as "lead",
        tags,
        ownerId: i % 3 === 2 ? repId : userId,
        source: "demo",
      },
    });
  }
  for (const t of demoTemplates) {
    await db.insert(templates).values({ id: newId("tp"), workspaceId, ownerId: userId, visibility: "shared", ...t });
  }
  const password = await ensureDemoLogin(db, { id: userId, name: "Demo Owner" }, opts.password);
  return { created: true, token, workspaceId, password };
}
