// GET /api/v1/card: everything the sidebar shows for one address, read in ONE batch of indexed queries (one
// round trip also against a remote libSQL server). Every query is keyed by (workspace_id, email) through
// sub-selects, so nothing waits for an earlier result. This is the hot path: see bench/card.ts.
import { createHash } from "node:crypto";
import { DateTime } from "luxon";
import type { Card, Engagement, EnrollmentSummary, Warning } from "@threadline/shared/schemas";
import type { TrackingLabel } from "@threadline/shared/domain/label-tracking-event";
import { contactLocalTime } from "@threadline/shared/domain/contact-local-time";
import { countryFromDomain } from "@threadline/shared/domain/country-from-domain";
import { suggestContact } from "@threadline/shared/domain/suggest-contact";
import { batchReaderOf, type Db } from "../db/client";
import type { ReadRow, ReadStatement } from "../db/batch-reader";
import type { Auth } from "../http/auth";
import type { ContactRow } from "./contacts";
import { contactToApi } from "./contacts";
import { trackingTimelineColumns, trackingTimelineFrom } from "./tracking-timeline-sql";

const TIMELINE = 20;
const TASKS = 20;

const contactIdSql = "(SELECT id FROM contacts WHERE workspace_id = ?1 AND email = ?2)";
// The contact's company, else the company of the address's domain.
const companyIdSql = `coalesce((SELECT company_id FROM contacts WHERE workspace_id = ?1 AND email = ?2),
  (SELECT id FROM companies WHERE workspace_id = ?1 AND domain = ?3))`;

/** The card's statements (exported for the query-plan test). */
export function cardStatements(ws: string, email: string, domain: string, userId: string): ReadStatement[] {
  const a = [ws, email, domain, userId];
  return [
    { sql: "SELECT * FROM contacts WHERE workspace_id = ?1 AND email = ?2", args: a.slice(0, 2) },
    { sql: `SELECT * FROM companies WHERE workspace_id = ?1 AND id = ${companyIdSql}`, args: a.slice(0, 3) },
    {
      // The newest events of either source (timeline rows; opens and clicks read from tracking_events), each
      // side cut to the limit on its own index first.
      sql: `SELECT id, contact_id, type, actor, occurred_at, payload FROM (
          SELECT * FROM (SELECT id, contact_id, type, actor, occurred_at, payload FROM timeline_events
            WHERE workspace_id = ?1 AND contact_id = ${contactIdSql} ORDER BY occurred_at DESC, id DESC LIMIT ${TIMELINE})
          UNION ALL
          SELECT * FROM (SELECT ${trackingTimelineColumns} FROM ${trackingTimelineFrom}
            WHERE t.workspace_id = ?1 AND t.contact_id = ${contactIdSql} ORDER BY t.occurred_at DESC, t.id DESC LIMIT ${TIMELINE})
        ) ORDER BY occurred_at DESC, id DESC LIMIT ${TIMELINE}`,
      args: a.slice(0, 2),
    },
    {
      sql: `SELECT e.id, e.sequence_id, s.name AS sequence_name, e.state, e.state_reason, e.steps_done, e.next_run_at,
          (SELECT count(*) FROM sequence_steps st WHERE st.sequence_id = e.sequence_id AND st.deleted_at IS NULL) AS step_count,
          (SELECT min(j.run_at) FROM send_jobs j WHERE j.enrollment_id = e.id AND +j.status IN ('queued', 'leased')) AS next_job_at
        FROM enrollments e JOIN sequences s ON s.id = e.sequence_id AND s.workspace_id = e.workspace_id
        WHERE e.workspace_id = ?1 AND e.contact_id = ${contactIdSql} ORDER BY e.created_at DESC`,
      args: a.slice(0, 2),
    },
    {
      sql: `SELECT id, kind, title, due_at, status FROM tasks
        WHERE contact_id = ${contactIdSql} AND workspace_id = ?1 AND status = 'open' ORDER BY due_at LIMIT ${TASKS}`,
      args: a.slice(0, 2),
    },
    {
      // Three equality lookups on suppressions_ws_value (an OR across them would scan the workspace's list).
      sql: `SELECT kind, value, reason FROM suppressions WHERE workspace_id = ?1 AND kind = 'address' AND value = ?2
        UNION ALL SELECT kind, value, reason FROM suppressions WHERE workspace_id = ?1 AND kind = 'domain' AND value = ?3
        UNION ALL SELECT kind, value, reason FROM suppressions WHERE workspace_id = ?1 AND kind = 'address_hash' AND value = ?4`,
      args: [ws, email, domain, createHash("sha256").update(email).digest("hex")],
    },
    {
      // Teammates who own this contact, other contacts at its company, or active enrollments there. Driven from the
      // company's contacts (contacts_ws_company); the unary + keeps the planner off the owner and state indexes,
      // which would scan the whole workspace.
      sql: `WITH peers AS (
          SELECT id, owner_id FROM contacts WHERE workspace_id = ?1 AND company_id = ${companyIdSql}
          UNION ALL
          SELECT id, owner_id FROM contacts WHERE workspace_id = ?1 AND email = ?2 AND company_id IS NULL
        )
        SELECT u.id, u.name, o.via, count(*) AS n FROM (
          SELECT owner_id, 'contact' AS via FROM peers WHERE +owner_id IS NOT NULL AND +owner_id <> ?4
          UNION ALL
          SELECT owner_id, 'company' FROM companies
            WHERE workspace_id = ?1 AND id = ${companyIdSql} AND +owner_id IS NOT NULL AND +owner_id <> ?4
          UNION ALL
          SELECT e.owner_id, 'enrollment' FROM peers p CROSS JOIN enrollments e
            ON e.workspace_id = ?1 AND e.contact_id = p.id
            WHERE +e.state = 'active' AND +e.owner_id IS NOT NULL AND +e.owner_id <> ?4
        ) o CROSS JOIN users u ON u.id = o.owner_id AND +u.workspace_id = ?1
        GROUP BY u.id, o.via LIMIT 10`,
      args: a,
    },
    { sql: "SELECT time_zone FROM users WHERE id = ?4 AND workspace_id = ?1", args: a },
    {
      // Opens and clicks by label, all time (the timeline shows only the newest): human and machine counted apart.
      sql: `SELECT kind, label, count(*) AS n FROM tracking_events
        WHERE workspace_id = ?1 AND contact_id = ${contactIdSql} GROUP BY kind, label`,
      args: a.slice(0, 2),
    },
  ];
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const iso = (ms: number) => new Date(ms).toISOString();

function rowToContact(r: ReadRow): ContactRow {
  return {
    id: String(r.id),
    workspaceId: String(r.workspace_id),
    email: String(r.email),
    displayName: str(r.display_name),
    firstName: str(r.first_name),
    lastName: str(r.last_name),
    title: str(r.title),
    phone: str(r.phone),
    country: str(r.country),
    timeZone: str(r.time_zone),
    language: str(r.language),
    stage: String(r.stage),
    tags: JSON.parse(String(r.tags)) as string[],
    ownerId: str(r.owner_id),
    companyId: str(r.company_id),
    source: str(r.source),
    consentStatus: String(r.consent_status) as ContactRow["consentStatus"],
    customFields: JSON.parse(String(r.custom_fields)) as Record<string, string>,
    emailStatus: String(r.email_status) as ContactRow["emailStatus"],
    hot: Number(r.hot) === 1,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export interface CardInput {
  auth: Auth;
  email: string;
  name?: string;
  now: Date;
  /** Look-alike check of the sender's domain against the workspace's known domains (null = none). */
  lookalike?: (domain: string) => Promise<Warning | null>;
}

export async function loadCard(db: Db, input: CardInput): Promise<Card> {
  const { auth, email, now } = input;
  const domain = email.slice(email.lastIndexOf("@") + 1);
  const [results, lookalike] = await Promise.all([
    batchReaderOf(db).read(cardStatements(auth.workspaceId, email, domain, auth.userId)),
    input.lookalike ? input.lookalike(domain) : Promise.resolve(null),
  ]);
  const [contactRes, companyRes, timelineRes, enrollRes, taskRes, suppressRes, teamRes, meRes, engagementRes] = results;
  const contactRow = contactRes![0] ? rowToContact(contactRes![0]) : null;
  const co = companyRes![0];
  const company = co
    ? {
        id: String(co.id),
        domain: String(co.domain),
        name: String(co.name),
        country: str(co.country),
        ownerId: str(co.owner_id),
        createdAt: iso(Number(co.created_at)),
        updatedAt: iso(Number(co.updated_at)),
      }
    : null;
  const repZone = str(meRes![0]?.time_zone) ?? "UTC";

  const localTime = contactLocalTime({
    timeZone: contactRow?.timeZone ?? null,
    country: contactRow?.country ?? company?.country ?? countryFromDomain(domain),
    fallbackZone: null,
    now,
  });

  const enrollments: EnrollmentSummary[] = enrollRes!.map((r) => {
    const stepCount = Number(r.step_count);
    const done = Number(r.steps_done);
    const state = String(r.state) as EnrollmentSummary["state"];
    const live = state === "active";
    const nextMs = live ? (num(r.next_job_at) ?? num(r.next_run_at)) : null;
    const at = (zone: string | undefined) =>
      nextMs === null || !zone ? null : DateTime.fromMillis(nextMs, { zone }).toISO({ suppressMilliseconds: true });
    return {
      id: String(r.id),
      sequenceId: String(r.sequence_id),
      sequenceName: String(r.sequence_name),
      state,
      stateReason: str(r.state_reason),
      stepNumber: state === "finished" ? stepCount : Math.min(done + 1, stepCount),
      stepCount,
      nextSendAt: nextMs === null ? null : iso(nextMs),
      nextSendRepLocal: at(repZone),
      nextSendContactLocal: at(localTime?.zone),
    };
  });

  const warnings: Warning[] = [];
  if (lookalike) warnings.push(lookalike);
  const owners = new Map<
    string,
    { id: string; name: string; ownsCompany: boolean; contacts: number; activeEnrollments: number }
  >();
  for (const r of teamRes!) {
    const id = String(r.id);
    const o = owners.get(id) ?? { id, name: String(r.name), ownsCompany: false, contacts: 0, activeEnrollments: 0 };
    if (r.via === "enrollment") o.activeEnrollments += Number(r.n);
    else if (r.via === "company") o.ownsCompany = true;
    else o.contacts += Number(r.n);
    owners.set(id, o);
  }
  if (owners.size > 0) {
    const list = [...owners.values()];
    const where = company ? company.name : email;
    warnings.push({
      code: "teammate_owns_account",
      message: `${list.map((o) => o.name).join(", ")} already work${list.length === 1 ? "s" : ""} with ${where}: talk to them before you write.`,
      details: { owners: list },
    });
  }
  for (const s of suppressRes!) {
    const reason = String(s.reason);
    const by = s.kind === "domain" ? `the domain ${domain}` : "this address";
    if (reason === "unsubscribe") {
      warnings.push({
        code: "unsubscribed",
        message: `${cap(by)} unsubscribed: do not add it to sequences.`,
        details: { kind: s.kind },
      });
    } else if (reason === "hard_bounce") {
      warnings.push({ code: "bounced", message: `Mail to ${by} hard-bounced; check the address.`, details: { kind: s.kind } });
    } else {
      warnings.push({
        code: "suppressed",
        message: `${cap(by)} is on the suppression list (${reason}).`,
        details: { kind: s.kind, reason },
      });
    }
  }
  if (contactRow?.emailStatus === "invalid") {
    warnings.push({
      code: "email_invalid",
      message: "This address is marked invalid after a bounce; mail to it will not arrive.",
    });
  }

  return {
    email,
    contact: contactRow ? contactToApi(contactRow) : null,
    suggested: contactRow
      ? null
      : suggestContact({ email, displayName: input.name ?? null, knownCompanyName: company?.name ?? null }),
    company,
    timeline: timelineRes!.map((r) => ({
      id: String(r.id),
      contactId: String(r.contact_id),
      type: String(r.type) as Card["timeline"][number]["type"],
      actor: String(r.actor),
      occurredAt: iso(Number(r.occurred_at)),
      payload: JSON.parse(String(r.payload)) as Record<string, unknown>,
    })),
    enrollments,
    tasks: taskRes!.map((r) => ({
      id: String(r.id),
      kind: String(r.kind),
      title: String(r.title),
      dueAt: iso(Number(r.due_at)),
      status: String(r.status) as "open",
    })),
    localTime,
    warnings,
    engagement: engagementOf(engagementRes!),
  };
}

function engagementOf(rows: ReadRow[]): Engagement {
  const e: Engagement = { humanOpens: 0, machineOpens: 0, repeatOpens: 0, humanClicks: 0, machineClicks: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    const label = String(r.label) as TrackingLabel;
    if (r.kind === "open") {
      if (label === "human") e.humanOpens += n;
      else if (label === "duplicate") e.repeatOpens += n;
      else e.machineOpens += n;
    } else if (r.kind === "click") {
      if (label === "human") e.humanClicks += n;
      else if (label !== "duplicate") e.machineClicks += n;
    }
  }
  return e;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
