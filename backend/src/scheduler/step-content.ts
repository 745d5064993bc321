import { createHash } from "node:crypto";
import type { Client } from "@libsql/client";
import { contactVariables } from "@threadline/shared/domain/contact-variables";
import { renderEmail } from "@threadline/shared/domain/render-email";
import type { EmailStepConfig } from "@threadline/shared/schemas";
import type { JobContext } from "./job-context";

interface TemplateVersion {
  subject: string;
  html: string;
  language: string;
}
export type TemplateCache = Map<string, { base: TemplateVersion; locales: Map<string, TemplateVersion> } | null>;

/** A/B split: deterministic per enrollment+step, weighted. */
export function pickVariant<T extends { id: string; weight: number }>(variants: T[], seed: string): T | null {
  const total = variants.reduce((s, v) => s + Math.max(0, v.weight), 0);
  if (!variants.length || total <= 0) return variants[0] ?? null;
  const h = createHash("sha256").update(seed).digest().readUInt32BE(0) % total;
  let acc = 0;
  for (const v of variants) {
    acc += Math.max(0, v.weight);
    if (h < acc) return v;
  }
  return variants[variants.length - 1]!;
}

async function loadTemplate(client: Pick<Client, "execute">, cache: TemplateCache, workspaceId: string, id: string) {
  if (cache.has(id)) return cache.get(id)!;
  const rs = await client.execute({
    sql: "SELECT subject, body_html, language FROM templates WHERE id = ? AND workspace_id = ?",
    args: [id, workspaceId],
  });
  const row = rs.rows[0];
  if (!row) {
    cache.set(id, null);
    return null;
  }
  const locales = await client.execute({
    sql: "SELECT language, subject, body_html FROM template_locales WHERE template_id = ? AND workspace_id = ?",
    args: [id, workspaceId],
  });
  const entry = {
    base: { subject: String(row.subject), html: String(row.body_html), language: String(row.language) },
    locales: new Map(
      locales.rows.map((l) => [
        String(l.language),
        { subject: String(l.subject), html: String(l.body_html), language: String(l.language) },
      ]),
    ),
  };
  cache.set(id, entry);
  return entry;
}

/** The raw (unrendered) subject/HTML an email step sends to this contact: variant, template, language version. */
export async function stepSource(
  client: Pick<Client, "execute">,
  cache: TemplateCache,
  input: { workspaceId: string; config: EmailStepConfig; seed: string; contactLanguage: string | null },
): Promise<{ subject: string; html: string; language: string | null; variant: string | null } | { error: string }> {
  const cfg = input.config;
  const variant = cfg.variants?.length
    ? pickVariant(
        cfg.variants.map((v) => ({ ...v, weight: v.weight ?? 50 })),
        input.seed,
      )
    : null;
  const templateId = variant?.templateId ?? (variant ? undefined : cfg.templateId);
  if (templateId) {
    const t = await loadTemplate(client, cache, input.workspaceId, templateId);
    if (!t) return { error: `template ${templateId} no longer exists` };
    const v = (input.contactLanguage && t.locales.get(input.contactLanguage)) || t.base;
    return { subject: v.subject, html: v.html, language: v.language, variant: variant?.id ?? null };
  }
  const subject = variant?.subject ?? cfg.subject;
  const html = variant?.bodyHtml ?? cfg.bodyHtml;
  if (html === undefined) return { error: "the step has neither a template nor a body" };
  return { subject: subject ?? "", html, language: input.contactLanguage, variant: variant?.id ?? null };
}

/** Renders a step for one contact; `missing` names every variable without a value. */
export async function renderStep(
  client: Pick<Client, "execute">,
  cache: TemplateCache,
  ctx: Pick<JobContext, "workspaceId" | "contact" | "company" | "sender" | "enrollmentId" | "stepId"> & {
    config: EmailStepConfig;
  },
) {
  const src = await stepSource(client, cache, {
    workspaceId: ctx.workspaceId,
    config: ctx.config,
    seed: `${ctx.enrollmentId}:${ctx.stepId}`,
    contactLanguage: ctx.contact.language,
  });
  if ("error" in src) return src;
  const variables = contactVariables({
    contact: ctx.contact,
    company: ctx.company,
    sender: ctx.sender ? { name: ctx.sender.name, email: ctx.sender.email } : null,
  });
  const r = renderEmail({ subject: src.subject, html: src.html, variables });
  return { ...r, language: src.language, variant: src.variant };
}
