// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the hand-typed jsdom module must reach every program that compiles this file (shared and the hosts reach it through AppType), not only the backend's
/// <reference path="./jsdom.d.ts" />
// The server's sanitiser of template HTML: DOMPurify over a jsdom window, with the sidebar's policy
// (shared domain/template-html-policy.ts). Applied when template HTML is saved (templates, their translations,
// sequence email steps) and to every render, so stored HTML from before is cleaned on its way out too.
// jsdom is loaded on first use: most processes (the tracking server, a worker) never sanitise.
import createDOMPurify from "dompurify";
import { templateHtmlPolicy } from "@threadline/shared/domain/template-html-policy";
import type { StepWrite } from "@threadline/shared/schemas";

type Purifier = ReturnType<typeof createDOMPurify>;
let purifier: Promise<Purifier> | null = null;

function loadPurifier(): Promise<Purifier> {
  purifier ??= import("jsdom").then(({ JSDOM }) =>
    createDOMPurify(new JSDOM("").window as unknown as Parameters<typeof createDOMPurify>[0]),
  );
  return purifier;
}

export async function sanitizeTemplateHtml(html: string): Promise<string> {
  return (await loadPurifier()).sanitize(html, templateHtmlPolicy);
}

/** `data` with its `bodyHtml` sanitised, when it has one (a template or translation being saved). */
export async function withSanitizedBody<T extends { bodyHtml?: string | undefined }>(data: T): Promise<T> {
  return data.bodyHtml === undefined ? data : { ...data, bodyHtml: await sanitizeTemplateHtml(data.bodyHtml) };
}

/** A sequence step being saved, with the HTML of an email step (its body and every variant's) sanitised. */
export async function withSanitizedStep<T extends StepWrite>(step: T): Promise<T> {
  if (step.kind !== "email") return step;
  const config = await withSanitizedBody(step.config);
  const variants = config.variants && (await Promise.all(config.variants.map(withSanitizedBody)));
  return { ...step, config: variants ? { ...config, variants } : config };
}
