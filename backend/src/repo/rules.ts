import { and, asc, eq } from "drizzle-orm";
import { ruleActionSchema, ruleConditionSchema, type Rule, type RuleUpdate, type RuleWrite } from "@threadline/shared/schemas";
import type { EvaluableRule } from "@threadline/shared/domain/evaluate-rules";
import { z } from "zod";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { rules } from "../db/schema";
import { notFound } from "../http/api-error";
import type { DbOrTx } from "./db-or-tx";

export type RuleRow = typeof rules.$inferSelect;
type Trigger = RuleRow["trigger"];

const conditionsSchema = z.array(ruleConditionSchema);
const actionsSchema = z.array(ruleActionSchema);

export function ruleToApi(row: RuleRow): Rule {
  return {
    id: row.id,
    name: row.name,
    trigger: row.trigger,
    conditions: conditionsSchema.parse(row.conditions),
    actions: actionsSchema.parse(row.actions),
    position: row.position,
    enabled: row.enabled,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export async function listRules(db: DbOrTx, workspaceId: string, trigger?: Trigger): Promise<RuleRow[]> {
  const where = trigger
    ? and(eq(rules.workspaceId, workspaceId), eq(rules.trigger, trigger))
    : eq(rules.workspaceId, workspaceId);
  return db.select().from(rules).where(where).orderBy(asc(rules.position), asc(rules.id));
}

/** Enabled rules of a trigger, parsed for evaluateRules; a stored rule that no longer parses is left out. */
export async function loadEvaluableRules(db: DbOrTx, workspaceId: string, trigger: Trigger): Promise<EvaluableRule[]> {
  const out: EvaluableRule[] = [];
  for (const row of await listRules(db, workspaceId, trigger)) {
    if (!row.enabled) continue;
    const conditions = conditionsSchema.safeParse(row.conditions);
    const actions = actionsSchema.safeParse(row.actions);
    if (!conditions.success || !actions.success) continue;
    out.push({ id: row.id, enabled: true, position: row.position, conditions: conditions.data, actions: actions.data });
  }
  return out;
}

export async function getRule(db: DbOrTx, workspaceId: string, id: string): Promise<RuleRow> {
  const rows = await db
    .select()
    .from(rules)
    .where(and(eq(rules.workspaceId, workspaceId), eq(rules.id, id)))
    .limit(1);
  if (!rows[0]) throw notFound(`Rule ${id}`);
  return rows[0];
}

export async function createRule(db: Db, workspaceId: string, data: RuleWrite): Promise<RuleRow> {
  const id = newId("ru");
  await db.insert(rules).values({ id, workspaceId, ...data });
  return getRule(db, workspaceId, id);
}

export async function updateRule(db: Db, workspaceId: string, id: string, data: RuleUpdate): Promise<RuleRow> {
  return db.transaction(async (tx) => {
    await getRule(tx, workspaceId, id);
    if (Object.keys(data).length > 0)
      await tx
        .update(rules)
        .set(data)
        .where(and(eq(rules.workspaceId, workspaceId), eq(rules.id, id)));
    return getRule(tx, workspaceId, id);
  });
}

export async function deleteRule(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await getRule(tx, workspaceId, id);
    await tx.delete(rules).where(and(eq(rules.workspaceId, workspaceId), eq(rules.id, id)));
  });
}
