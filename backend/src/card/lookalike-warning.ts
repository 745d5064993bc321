import type { Warning } from "@threadline/shared/schemas";
import { detectLookalikeDomain } from "@threadline/shared/domain/detect-lookalike-domain";
import { isFreeMailDomain } from "@threadline/shared/domain/free-mail-domains";
import type { Db } from "../db/client";
import { knownDomains } from "./known-domains";

/**
 * The card's look-alike warning: the workspace's known company domains are narrowed to a few candidates by the
 * in-memory index, and detectLookalikeDomain decides on those (it costs ~50 µs per domain compared).
 */
export async function lookalikeWarning(db: Db, workspaceId: string, domain: string): Promise<Warning | null> {
  if (isFreeMailDomain(domain)) return null;
  const index = await knownDomains(db, workspaceId);
  if (index.has(domain)) return null;
  const candidates = index.candidates(domain);
  if (candidates.length === 0) return null;
  const hit = detectLookalikeDomain({ domain, knownDomains: candidates });
  if (!hit) return null;
  return {
    code: "lookalike_domain",
    message: `${domain} looks like ${hit.of}, a company you already work with (${hit.reasons.join("; ")}). Check the sender before you pay, change bank details or send documents.`,
    details: { of: hit.of, reasons: hit.reasons },
  };
}
