// Bulk actions on the Contacts page over selected ids, a filter ("select all N matching") or a segment.
// Each action is all or nothing: one transaction, or (add to sequence) the enrol logic's own all-or-none check.
import { and, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { stringify } from "csv-stringify/sync";
import { bulkEnrollMax, bulkMax, enrollRefusalReasons, type BulkAction, type BulkTarget } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { contacts, timelineEvents } from "../db/schema";
import { exportColumns, toCsvCells } from "../export/export-rows";
import { ApiError } from "../http/api-error";
import type { Auth } from "../http/auth";
import { contactFilterWhere, countContacts, resolveFilter } from "./contact-list";
import { assertOwnerInWorkspace, contactToApi, stageChangeEvent } from "./contacts";
import type { DbOrTx } from "./db-or-tx";
import { enroll } from "./enrollments";
import { getSegmentFilter } from "./segments";

// SQLite binds at most 32766 parameters; stay well under it per statement.
const CHUNK = 500;
const chunks = <T>(xs: T[]) =>
  Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/** The contact ids a target names, newest first; refuses unknown ids and targets larger than `max`. */
export async function resolveTargetIds(db: DbOrTx, workspaceId: string, target: BulkTarget, max = bulkMax): Promise<string[]> {
  if ("ids" in target) {
    const asked = [...new Set(target.ids)];
    const found = new Set<string>();
    for (const part of chunks(asked)) {
      const rows = await db
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, part)));
      for (const r of rows) found.add(r.id);
    }
    const unknown = asked.filter((id) => !found.has(id));
    if (unknown.length)
      throw new ApiError(
        "not_found",
        `Nothing was changed: ${unknown.length} selected contact(s) are not in this workspace (${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? ", …" : ""}).`,
        { unknown },
      );
    if (asked.length > max) throw tooMany(asked.length, max);
    return asked;
  }
  const filter = "filter" in target ? target.filter : await getSegmentFilter(db, workspaceId, target.segmentId);
  const rows = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(...contactFilterWhere(workspaceId, await resolveFilter(db, workspaceId, filter))))
    .orderBy(sql`${contacts.id} DESC`)
    .limit(max + 1);
  if (rows.length > max) throw tooMany(await countContacts(db, workspaceId, await resolveFilter(db, workspaceId, filter)), max);
  return rows.map((r) => r.id);
}

const tooMany = (n: number, max: number) =>
  new ApiError(
    "bad_request",
    `Nothing was changed: ${n} contacts match, and one bulk action handles at most ${max}. Narrow the filter.`,
    {
      fields: [{ path: "target", message: `more than ${max} contacts` }],
    },
  );

type Refusal = { contact: string; code: string; message: string; missing?: string[] };

/** The enrol logic's problems regrouped by reason, for the console's "why nobody was enrolled" list. */
function refusalsByReason(problems: Refusal[]) {
  return enrollRefusalReasons
    .map((reason) => ({
      reason,
      contacts: problems
        .filter((p) => p.code === reason)
        .map((p) => ({ contact: p.contact, message: p.message, ...(p.missing ? { missing: p.missing } : {}) })),
    }))
    .filter((g) => g.contacts.length > 0);
}

const reasonWords: Record<(typeof enrollRefusalReasons)[number], string> = {
  suppressed: "suppressed",
  already_enrolled: "already in this sequence",
  missing_variables: "missing template variables",
  not_found: "not found",
  bad_step: "a step cannot be rendered",
};

async function addToSequence(db: Db, auth: Auth, ids: string[], action: Extract<BulkAction, { type: "add_to_sequence" }>) {
  if (ids.length > bulkEnrollMax) throw tooMany(ids.length, bulkEnrollMax);
  try {
    const created = await enroll(db, auth, {
      sequenceId: action.sequenceId,
      mailboxId: action.mailboxId,
      contactIds: ids,
      override: action.override,
    });
    return created.length;
  } catch (err) {
    const problems =
      (err instanceof ApiError && err.code === "bad_request" && (err.details as { problems?: Refusal[] })?.problems) || null;
    if (!problems) throw err;
    const refusals = refusalsByReason(problems);
    const summary = refusals.map((g) => `${g.contacts.length} ${reasonWords[g.reason]}`).join(", ");
    throw new ApiError(
      "bad_request",
      `Nobody was enrolled: ${summary}. ${err instanceof Error ? err.message.replace(/^Nobody was enrolled: /, "") : ""}`,
      {
        problems,
        refusals,
      },
    );
  }
}

/** Runs one bulk action; returns how many contacts the target matched and how many the action changed. */
export async function runBulkAction(db: Db, auth: Auth, target: BulkTarget, action: BulkAction) {
  const { workspaceId, userId: actor } = auth;
  const ids = await resolveTargetIds(db, workspaceId, target);
  if (action.type === "add_to_sequence") return { matched: ids.length, changed: await addToSequence(db, auth, ids, action) };
  const changed = await db.transaction(async (tx) => {
    const now = Date.now();
    let n = 0;
    if (action.type === "assign_owner") {
      await assertOwnerInWorkspace(tx, workspaceId, action.ownerId);
      for (const part of chunks(ids)) {
        const differs =
          action.ownerId === null
            ? sql`${contacts.ownerId} IS NOT NULL`
            : or(isNull(contacts.ownerId), ne(contacts.ownerId, action.ownerId))!;
        const res = await tx
          .update(contacts)
          .set({ ownerId: action.ownerId, updatedAt: now })
          .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, part), differs));
        n += res.rowsAffected;
      }
      return n;
    }
    for (const part of chunks(ids)) {
      const rows = await tx
        .select({ id: contacts.id, tags: contacts.tags, stage: contacts.stage, email: contacts.email })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, part)));
      for (const r of rows) {
        if (action.type === "set_stage") {
          if (r.stage === action.stage) continue;
          await tx
            .update(contacts)
            .set({ stage: action.stage, updatedAt: now })
            .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, r.id)));
          await tx
            .insert(timelineEvents)
            .values(stageChangeEvent({ workspaceId, contactId: r.id, actor, now, from: r.stage, to: action.stage }));
        } else {
          const has = r.tags.includes(action.tag);
          if (action.type === "add_tag" ? has : !has) continue;
          const tags = action.type === "add_tag" ? [...r.tags, action.tag] : r.tags.filter((t) => t !== action.tag);
          if (tags.length > 50)
            throw new ApiError(
              "bad_request",
              `Nothing was changed: ${r.email} already has 50 tags, the most a contact can have.`,
            );
          await tx
            .update(contacts)
            .set({ tags, updatedAt: now })
            .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, r.id)));
        }
        n++;
      }
    }
    return n;
  });
  return { matched: ids.length, changed };
}

/** The target's contacts as CSV (the workspace export's contact columns), newest first. */
export async function exportContactsCsv(db: Db, workspaceId: string, target: BulkTarget): Promise<string> {
  const ids = await resolveTargetIds(db, workspaceId, target);
  const columns = exportColumns.contacts;
  const rows: unknown[][] = [];
  for (const part of chunks(ids)) {
    const found = await db
      .select()
      .from(contacts)
      .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, part)));
    const byId = new Map(found.map((r) => [r.id, r]));
    for (const id of part) {
      const r = byId.get(id);
      if (r) rows.push(toCsvCells(contactToApi(r), columns));
    }
  }
  return stringify(rows, { header: true, columns, bom: true, cast: { boolean: (v) => (v ? "true" : "false") } });
}
