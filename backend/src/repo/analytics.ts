// Reply-centred analytics over sent messages. The cohort is every send_job with status 'sent' and sent_at in
// [from, to) of one workspace; opens and clicks count only events labelled "human"; a reply, bounce or
// unsubscribe is attributed to the enrollment's last message sent before it. Every query filters on the
// workspace id.
import { and, eq, gte, inArray, lt, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { DateTime } from "luxon";
import type {
  AnalyticsAbTest,
  AnalyticsGroupBy,
  AnalyticsHeatmap,
  AnalyticsMetrics,
  AnalyticsRangeQuery,
  AnalyticsSummary,
} from "@threadline/shared/schemas";
import { machineLabels } from "@threadline/shared/domain/label-tracking-event";
import { guessTimeZoneFromCountry } from "@threadline/shared/domain/guess-time-zone-from-country";
import { twoProportionZTest } from "@threadline/shared/domain/two-proportion-z-test";
import type { Db } from "../db/client";
import {
  contacts,
  enrollments,
  sendJobs,
  sequenceSteps,
  sequences,
  templates,
  timelineEvents,
  trackedMessages,
  trackingEvents,
  users,
} from "../db/schema";

interface SendFact {
  id: string;
  enrollmentId: string;
  sequenceId: string;
  sequenceName: string;
  stepId: string;
  stepPosition: number;
  variant: string | null;
  templateId: string | null;
  ownerId: string | null;
  contactId: string;
  sentAt: number;
  zone: string;
  zoneSource: "contact" | "guessedFromCountry" | "utcFallback";
  openedHuman: boolean;
  openedMachine: boolean;
  clickedHuman: boolean;
  repliedAt: number | null;
  bounced: boolean;
  unsubscribed: boolean;
}

interface Range {
  from: number;
  to: number;
  sequenceId?: string | undefined;
}

const outcomeTypes = ["reply", "bounce", "unsubscribe"] as const;
type Outcome = (typeof outcomeTypes)[number];
const outcomeState: Record<Outcome, string> = { reply: "replied", bounce: "bounced", unsubscribe: "unsubscribed" };

// Tracking events of the cohort's sends are reached through tracking_send (send_job_id IN …); the unary + keeps
// the planner off tracking_contact_time, whose workspace_id prefix would read every event of the workspace.
const sameWorkspace = (workspaceId: string) => sql`+${trackingEvents.workspaceId} = ${workspaceId}`;

function rangeOf(q: AnalyticsRangeQuery): Range {
  return { from: Date.parse(q.from), to: Date.parse(q.to), sequenceId: q.sequenceId };
}

function sendFilter(workspaceId: string, range: Range): SQL {
  return and(
    eq(sendJobs.workspaceId, workspaceId),
    eq(sendJobs.status, "sent"),
    gte(sendJobs.sentAt, range.from),
    lt(sendJobs.sentAt, range.to),
    ...(range.sequenceId ? [eq(enrollments.sequenceId, range.sequenceId)] : []),
  )!;
}

/** The template a step (and variant) uses, from the step config: `templateId` or `variants[].templateId`. */
function templateOf(config: Record<string, unknown>, variant: string | null): string | null {
  const variants = Array.isArray(config.variants) ? (config.variants as Record<string, unknown>[]) : [];
  const v = variant ? variants.find((x) => x.key === variant || x.id === variant || x.name === variant) : undefined;
  const id = v?.templateId ?? config.templateId;
  return typeof id === "string" ? id : null;
}

type TrackingFlags = { openedHuman: boolean; openedMachine: boolean; clickedHuman: boolean };

/** Per message id (send job or tracked message) of `ids`: whether a person opened or clicked, and any machine open. */
async function trackingFlags(db: Db, workspaceId: string, ids: SQLWrapper): Promise<Map<string, TrackingFlags>> {
  const tracked = await db
    .select({
      sendJobId: trackingEvents.sendJobId,
      kind: trackingEvents.kind,
      label: trackingEvents.label,
    })
    .from(trackingEvents)
    .where(and(sameWorkspace(workspaceId), inArray(trackingEvents.sendJobId, ids)))
    .groupBy(trackingEvents.sendJobId, trackingEvents.kind, trackingEvents.label);
  const flags = new Map<string, TrackingFlags>();
  for (const t of tracked) {
    const f = flags.get(t.sendJobId) ?? { openedHuman: false, openedMachine: false, clickedHuman: false };
    // "duplicate" is a repeat of a counted event: neither a new human event nor a machine one.
    if (t.kind === "open" && t.label === "human") f.openedHuman = true;
    if (t.kind === "open" && machineLabels.has(t.label)) f.openedMachine = true;
    if (t.kind === "click" && t.label === "human") f.clickedHuman = true;
    flags.set(t.sendJobId, f);
  }
  return flags;
}

type HandInserted = NonNullable<AnalyticsMetrics["handInserted"]>;

/**
 * Hand-written tracked messages created in [from, to) with a template, per template id. Never part of a sequence's
 * figures (they have no enrollment); only the template grouping shows them.
 */
async function loadHandInserted(db: Db, workspaceId: string, range: Range): Promise<Map<string, HandInserted>> {
  const where = and(
    eq(trackedMessages.workspaceId, workspaceId),
    sql`${trackedMessages.templateId} IS NOT NULL`,
    gte(trackedMessages.createdAt, range.from),
    lt(trackedMessages.createdAt, range.to),
  );
  const messages = await db
    .select({ id: trackedMessages.id, templateId: trackedMessages.templateId })
    .from(trackedMessages)
    .where(where);
  const out = new Map<string, HandInserted>();
  if (messages.length === 0) return out;
  const flags = await trackingFlags(db, workspaceId, db.select({ id: trackedMessages.id }).from(trackedMessages).where(where));
  for (const m of messages) {
    const h = out.get(m.templateId!) ?? { tracked: 0, openedHuman: 0, openedMachine: 0 };
    const f = flags.get(m.id);
    h.tracked++;
    if (f?.openedHuman) h.openedHuman++;
    if (f?.openedMachine) h.openedMachine++;
    out.set(m.templateId!, h);
  }
  return out;
}

async function loadFacts(db: Db, workspaceId: string, range: Range): Promise<SendFact[]> {
  const where = sendFilter(workspaceId, range);
  const rows = await db
    .select({
      id: sendJobs.id,
      enrollmentId: sendJobs.enrollmentId,
      stepId: sendJobs.stepId,
      variant: sendJobs.variant,
      sentAt: sendJobs.sentAt,
      contactId: enrollments.contactId,
      sequenceId: enrollments.sequenceId,
      enrollmentOwner: enrollments.ownerId,
      state: enrollments.state,
      stateChangedAt: enrollments.stateChangedAt,
      stepPosition: sequenceSteps.position,
      stepConfig: sequenceSteps.config,
      sequenceName: sequences.name,
      sequenceOwner: sequences.ownerId,
      timeZone: contacts.timeZone,
      country: contacts.country,
    })
    .from(sendJobs)
    .innerJoin(enrollments, and(eq(enrollments.id, sendJobs.enrollmentId), eq(enrollments.workspaceId, workspaceId)))
    .innerJoin(sequenceSteps, and(eq(sequenceSteps.id, sendJobs.stepId), eq(sequenceSteps.workspaceId, workspaceId)))
    .innerJoin(sequences, and(eq(sequences.id, enrollments.sequenceId), eq(sequences.workspaceId, workspaceId)))
    .innerJoin(contacts, and(eq(contacts.id, enrollments.contactId), eq(contacts.workspaceId, workspaceId)))
    .where(where)
    .orderBy(sendJobs.sentAt);
  if (rows.length === 0) return [];

  const cohort = db
    .select({ id: sendJobs.id })
    .from(sendJobs)
    .innerJoin(enrollments, eq(enrollments.id, sendJobs.enrollmentId))
    .where(where);
  const flags = await trackingFlags(db, workspaceId, cohort);

  // Outcomes: the enrollment's state (replied/bounced/unsubscribed + when) and timeline events of the contact.
  const contactIds = [...new Set(rows.map((r) => r.contactId))];
  const firstSent = rows[0]!.sentAt!;
  const outcomes: { contactId: string; type: string; occurredAt: number; payload: Record<string, unknown> }[] = [];
  for (let i = 0; i < contactIds.length; i += 500) {
    outcomes.push(
      ...(await db
        .select({
          contactId: timelineEvents.contactId,
          type: timelineEvents.type,
          occurredAt: timelineEvents.occurredAt,
          payload: timelineEvents.payload,
        })
        .from(timelineEvents)
        .where(
          and(
            eq(timelineEvents.workspaceId, workspaceId),
            inArray(timelineEvents.type, [...outcomeTypes]),
            inArray(timelineEvents.contactId, contactIds.slice(i, i + 500)),
            gte(timelineEvents.occurredAt, firstSent),
          ),
        )),
    );
  }

  const byEnrollment = new Map<string, typeof rows>();
  for (const r of rows) byEnrollment.set(r.enrollmentId, [...(byEnrollment.get(r.enrollmentId) ?? []), r]);
  const outcomeOf = new Map<string, { reply?: number; bounce?: number; unsubscribe?: number }>(); // by send id
  for (const [enrollmentId, sends] of byEnrollment) {
    const first = sends[0]!;
    const times: Partial<Record<Outcome, number>> = {};
    for (const type of outcomeTypes) {
      if (first.state === outcomeState[type]) times[type] = first.stateChangedAt;
    }
    for (const ev of outcomes) {
      if (ev.contactId !== first.contactId) continue;
      const scoped = ev.payload.enrollmentId;
      if (typeof scoped === "string" && scoped !== enrollmentId) continue;
      const type = ev.type as Outcome;
      if (times[type] === undefined || ev.occurredAt < times[type]!) times[type] = ev.occurredAt;
    }
    for (const type of outcomeTypes) {
      const at = times[type];
      if (at === undefined) continue;
      // The message that got the reply (or bounced, or led to the unsubscribe): the last one sent before it.
      const target = [...sends].reverse().find((s) => s.sentAt! <= at);
      if (!target) continue;
      const o = outcomeOf.get(target.id) ?? {};
      o[type] = at;
      outcomeOf.set(target.id, o);
    }
  }

  return rows.map((r) => {
    const guessed = r.timeZone ? null : guessTimeZoneFromCountry(r.country);
    const zone = r.timeZone ?? guessed ?? "UTC";
    const f = flags.get(r.id);
    const o = outcomeOf.get(r.id) ?? {};
    return {
      id: r.id,
      enrollmentId: r.enrollmentId,
      sequenceId: r.sequenceId,
      sequenceName: r.sequenceName,
      stepId: r.stepId,
      stepPosition: r.stepPosition,
      variant: r.variant,
      templateId: templateOf(r.stepConfig, r.variant),
      ownerId: r.enrollmentOwner ?? r.sequenceOwner,
      contactId: r.contactId,
      sentAt: r.sentAt!,
      zone,
      zoneSource: r.timeZone ? "contact" : guessed ? "guessedFromCountry" : "utcFallback",
      openedHuman: f?.openedHuman ?? false,
      openedMachine: f?.openedMachine ?? false,
      clickedHuman: f?.clickedHuman ?? false,
      repliedAt: o.reply ?? null,
      bounced: o.bounce !== undefined,
      unsubscribed: o.unsubscribe !== undefined,
    };
  });
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function metrics(facts: SendFact[], enrolled: number): AnalyticsMetrics {
  const sent = facts.length;
  const bounced = facts.filter((f) => f.bounced).length;
  const delivered = sent - bounced;
  const replies = facts.filter((f) => f.repliedAt !== null);
  return {
    enrolled,
    sent,
    delivered,
    openedHuman: facts.filter((f) => f.openedHuman).length,
    openedMachine: facts.filter((f) => f.openedMachine).length,
    clickedHuman: facts.filter((f) => f.clickedHuman).length,
    replied: replies.length,
    bounced,
    unsubscribed: facts.filter((f) => f.unsubscribed).length,
    replyRate: delivered > 0 ? replies.length / delivered : null,
    medianTimeToReplyMs: median(replies.map((f) => f.repliedAt! - f.sentAt)),
  };
}

const definitions: Record<string, string> = {
  cohort: "Messages (send jobs) sent in [from, to); outcomes are counted whenever they happened.",
  enrolled:
    "By sequence/owner: enrollments created in [from, to). By step/variant/template: distinct enrollments that were sent a message of the group.",
  delivered: "sent − bounced.",
  openedHuman:
    "Messages with at least one open labelled human (Apple/Gmail proxies, scanners, prefetch and duplicates excluded).",
  openedMachine:
    "Messages with at least one machine open (apple_proxy, google_proxy, scanner, prefetch); shown, never counted as opened.",
  clickedHuman: "Messages with at least one click labelled human.",
  replied:
    "Messages that were the last one sent before the enrollment's reply (enrollment state 'replied' or a 'reply' timeline event).",
  replyRate: "replied / delivered.",
  medianTimeToReplyMs: "Median of reply time − sent time over replied messages.",
};

const handInsertedDefinition =
  "By template only: hand-written messages the template was inserted into from the Outlook sidebar with open tracking on, created in [from, to) (tracked), and how many of them a person opened (openedHuman) or only a machine (openedMachine). Whether they were sent, bounced or answered is not known, so they are not in sent, delivered or replyRate, and never in a sequence's figures.";

export async function analyticsSummary(
  db: Db,
  workspaceId: string,
  query: AnalyticsRangeQuery & { groupBy: AnalyticsGroupBy },
): Promise<AnalyticsSummary> {
  const range = rangeOf(query);
  const facts = await loadFacts(db, workspaceId, range);

  const keyOf = (f: SendFact): string => {
    switch (query.groupBy) {
      case "sequence":
        return f.sequenceId;
      case "step":
        return f.stepId;
      case "variant":
        return `${f.stepId}:${f.variant ?? ""}`;
      case "template":
        return f.templateId ?? "";
      case "owner":
        return f.ownerId ?? "";
    }
  };
  const groups = new Map<string, SendFact[]>();
  for (const f of facts) groups.set(keyOf(f), [...(groups.get(keyOf(f)) ?? []), f]);

  // "enrolled" for sequence/owner: enrollments created in the range, also those not sent anything yet.
  const enrolledBy = new Map<string, number>();
  let enrolledTotal = 0;
  if (query.groupBy === "sequence" || query.groupBy === "owner") {
    const created = await db
      .select({
        sequenceId: enrollments.sequenceId,
        ownerId: sql<string | null>`coalesce(${enrollments.ownerId}, ${sequences.ownerId})`,
      })
      .from(enrollments)
      .innerJoin(sequences, and(eq(sequences.id, enrollments.sequenceId), eq(sequences.workspaceId, workspaceId)))
      .where(
        and(
          eq(enrollments.workspaceId, workspaceId),
          gte(enrollments.createdAt, range.from),
          lt(enrollments.createdAt, range.to),
          ...(range.sequenceId ? [eq(enrollments.sequenceId, range.sequenceId)] : []),
        ),
      );
    for (const e of created) {
      const key = query.groupBy === "sequence" ? e.sequenceId : (e.ownerId ?? "");
      enrolledBy.set(key, (enrolledBy.get(key) ?? 0) + 1);
      if (!groups.has(key)) groups.set(key, []);
    }
    enrolledTotal = created.length;
  } else {
    for (const [key, list] of groups) enrolledBy.set(key, new Set(list.map((f) => f.enrollmentId)).size);
    enrolledTotal = new Set(facts.map((f) => f.enrollmentId)).size;
  }

  // Templates also count the hand-written messages they were inserted into (not when one sequence is asked for).
  const hand = query.groupBy === "template" && !range.sequenceId ? await loadHandInserted(db, workspaceId, range) : null;
  for (const key of hand?.keys() ?? []) if (!groups.has(key)) groups.set(key, []);
  const handOf = (key: string | null): Pick<AnalyticsMetrics, "handInserted"> => {
    if (query.groupBy !== "template") return {};
    const none = { tracked: 0, openedHuman: 0, openedMachine: 0 };
    if (key !== null) return { handInserted: hand?.get(key) ?? none };
    const all = [...(hand?.values() ?? [])];
    return {
      handInserted: all.reduce(
        (t, h) => ({
          tracked: t.tracked + h.tracked,
          openedHuman: t.openedHuman + h.openedHuman,
          openedMachine: t.openedMachine + h.openedMachine,
        }),
        none,
      ),
    };
  };

  const labels = await groupLabels(db, workspaceId, query.groupBy, facts, [...groups.keys()]);
  const rows = [...groups]
    .map(([key, list]) => ({ key, label: labels.get(key) ?? key, ...metrics(list, enrolledBy.get(key) ?? 0), ...handOf(key) }))
    .sort(
      (a, b) =>
        b.sent - a.sent || (b.handInserted?.tracked ?? 0) - (a.handInserted?.tracked ?? 0) || a.label.localeCompare(b.label),
    );
  return {
    from: new Date(range.from).toISOString(),
    to: new Date(range.to).toISOString(),
    groupBy: query.groupBy,
    rows,
    total: { ...metrics(facts, enrolledTotal), ...handOf(null) },
    definitions: query.groupBy === "template" ? { ...definitions, handInserted: handInsertedDefinition } : definitions,
  };
}

async function groupLabels(db: Db, workspaceId: string, groupBy: AnalyticsGroupBy, facts: SendFact[], keys: string[]) {
  const labels = new Map<string, string>();
  const stepLabel = (f: SendFact) => `${f.sequenceName} · step ${f.stepPosition + 1}`;
  if (groupBy === "sequence") {
    const named = keys.filter(Boolean);
    if (named.length > 0) {
      const rows = await db
        .select({ id: sequences.id, name: sequences.name })
        .from(sequences)
        .where(and(eq(sequences.workspaceId, workspaceId), inArray(sequences.id, named)));
      for (const r of rows) labels.set(r.id, r.name);
    }
  } else if (groupBy === "step") {
    for (const f of facts) labels.set(f.stepId, stepLabel(f));
  } else if (groupBy === "variant") {
    for (const f of facts)
      labels.set(`${f.stepId}:${f.variant ?? ""}`, `${stepLabel(f)} · ${f.variant ? `variant ${f.variant}` : "no variant"}`);
  } else if (groupBy === "template") {
    const ids = keys.filter(Boolean);
    if (ids.length > 0) {
      const rows = await db
        .select({ id: templates.id, name: templates.name })
        .from(templates)
        .where(and(eq(templates.workspaceId, workspaceId), inArray(templates.id, ids)));
      for (const r of rows) labels.set(r.id, r.name);
    }
    labels.set("", "(inline content, no template)");
  } else {
    const ids = keys.filter(Boolean);
    if (ids.length > 0) {
      const rows = await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, ids)));
      for (const r of rows) labels.set(r.id, r.name);
    }
    labels.set("", "(no owner)");
  }
  return labels;
}

const weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const emptyGrid = () => Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));

export async function analyticsHeatmap(db: Db, workspaceId: string, query: AnalyticsRangeQuery): Promise<AnalyticsHeatmap> {
  const range = rangeOf(query);
  const facts = await loadFacts(db, workspaceId, range);
  const replies = emptyGrid();
  const humanOpens = emptyGrid();
  const place = (grid: number[][], at: number, zone: string) => {
    const local = DateTime.fromMillis(at, { zone });
    const t = local.isValid ? local : DateTime.fromMillis(at, { zone: "UTC" });
    grid[t.weekday - 1]![t.hour]!++;
  };
  const zones = { contact: 0, guessedFromCountry: 0, utcFallback: 0 };
  const seenContacts = new Set<string>();
  const byId = new Map(facts.map((f) => [f.id, f]));
  for (const f of facts) {
    if (!seenContacts.has(f.contactId)) {
      seenContacts.add(f.contactId);
      zones[f.zoneSource]++;
    }
    if (f.repliedAt !== null) place(replies, f.repliedAt, f.zone);
  }
  if (facts.length > 0) {
    const cohort = db
      .select({ id: sendJobs.id })
      .from(sendJobs)
      .innerJoin(enrollments, eq(enrollments.id, sendJobs.enrollmentId))
      .where(sendFilter(workspaceId, range));
    const opens = await db
      .select({ sendJobId: trackingEvents.sendJobId, occurredAt: trackingEvents.occurredAt })
      .from(trackingEvents)
      .where(
        and(
          sameWorkspace(workspaceId),
          eq(trackingEvents.kind, "open"),
          eq(trackingEvents.label, "human"),
          inArray(trackingEvents.sendJobId, cohort),
        ),
      );
    for (const o of opens) {
      const f = byId.get(o.sendJobId);
      if (f) place(humanOpens, o.occurredAt, f.zone);
    }
  }
  return {
    from: new Date(range.from).toISOString(),
    to: new Date(range.to).toISOString(),
    weekdays,
    replies,
    humanOpens,
    zones,
  };
}

export const AB_TEST_NAME =
  "Two-proportion z-test (pooled, two-sided, α = 0.05) on reply rate (replied / delivered), each variant against the first (control); only reported as significant when every expected count is ≥ 5.";

export async function analyticsAbTest(db: Db, workspaceId: string, query: AnalyticsRangeQuery): Promise<AnalyticsAbTest> {
  const range = rangeOf(query);
  const facts = (await loadFacts(db, workspaceId, range)).filter((f) => f.variant !== null);
  const bySteps = new Map<string, SendFact[]>();
  for (const f of facts) bySteps.set(f.stepId, [...(bySteps.get(f.stepId) ?? []), f]);
  const steps: AnalyticsAbTest["steps"] = [];
  for (const [stepId, list] of bySteps) {
    const byVariant = new Map<string, SendFact[]>();
    for (const f of list) byVariant.set(f.variant!, [...(byVariant.get(f.variant!) ?? []), f]);
    if (byVariant.size < 2) continue;
    const variants = [...byVariant.keys()].sort().map((variant) => {
      const m = metrics(byVariant.get(variant)!, 0);
      return { variant, delivered: m.delivered, replied: m.replied, replyRate: m.replyRate };
    });
    const control = variants[0]!;
    const comparisons = variants.slice(1).map((challenger) => {
      const r = twoProportionZTest({
        successesA: control.replied,
        trialsA: control.delivered,
        successesB: challenger.replied,
        trialsB: challenger.delivered,
      });
      const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)} %`);
      const verdict = !r.valid
        ? `Not enough data yet (${control.delivered} vs ${challenger.delivered} delivered, ${control.replied + challenger.replied} replies): keep sending before choosing.`
        : r.significant
          ? `Variant ${challenger.variant} ${r.difference! > 0 ? "beats" : "does worse than"} ${control.variant} (${pct(r.rateB)} vs ${pct(r.rateA)} reply rate, p = ${r.pValue!.toFixed(3)}).`
          : `No significant difference (${pct(r.rateB)} vs ${pct(r.rateA)} reply rate, p = ${r.pValue === null ? "–" : r.pValue.toFixed(3)}).`;
      return {
        control: control.variant,
        challenger: challenger.variant,
        difference: r.difference,
        z: r.z,
        pValue: r.pValue,
        significant: r.significant,
        verdict,
      };
    });
    const first = list[0]!;
    steps.push({
      sequenceId: first.sequenceId,
      stepId,
      label: `${first.sequenceName} · step ${first.stepPosition + 1}`,
      variants,
      comparisons,
    });
  }
  return { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString(), test: AB_TEST_NAME, steps };
}
