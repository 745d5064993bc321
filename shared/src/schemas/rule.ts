import { z } from "zod";
import { countrySchema, idSchema, isoDateSchema, languageSchema, tagsSchema, somethingToChange } from "./common";
import { stageSchema } from "./contact";

const domainEntry = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/^@|^\*\.|^\./, ""))
  .pipe(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/, "is not a domain (for example acme.com, or cn for every .cn domain)"));

/** One condition; values inside a condition are alternatives (any matches), conditions of a rule must all match. */
export const ruleConditionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("sender_domain"), domains: z.array(domainEntry).min(1).max(200) }).strict(),
  z.object({ type: z.literal("country"), countries: z.array(countrySchema).min(1).max(250) }).strict(),
  z
    .object({
      type: z.literal("keywords"),
      keywords: z.array(z.string().trim().min(1).max(100)).min(1).max(200),
      in: z
        .array(z.enum(["subject", "body"]))
        .min(1)
        .default(["subject", "body"]),
    })
    .strict(),
  z.object({ type: z.literal("language"), languages: z.array(languageSchema).min(1).max(50) }).strict(),
]);
export type RuleCondition = z.infer<typeof ruleConditionSchema>;

export const ruleActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("add_tags"), tags: tagsSchema.min(1) }).strict(),
  z.object({ type: z.literal("set_stage"), stage: stageSchema }).strict(),
  z.object({ type: z.literal("assign_owner"), userId: idSchema }).strict(),
]);
export type RuleAction = z.infer<typeof ruleActionSchema>;

export const ruleTriggerSchema = z.enum(["contact_created", "email_received"]);

export const ruleWriteSchema = z
  .object({
    name: z.string().trim().min(1, "is empty").max(200),
    trigger: ruleTriggerSchema,
    conditions: z.array(ruleConditionSchema).max(20),
    actions: z.array(ruleActionSchema).min(1, "needs at least one action").max(20),
    position: z.number().int().min(0).max(100_000).default(0),
    enabled: z.boolean().default(true),
  })
  .strict();
export type RuleWrite = z.infer<typeof ruleWriteSchema>;
export const ruleUpdateSchema = somethingToChange(
  ruleWriteSchema
    .extend({
      position: z.number().int().min(0).max(100_000).optional(),
      enabled: z.boolean().optional(),
    })
    .partial()
    .strict(),
);
export type RuleUpdate = z.infer<typeof ruleUpdateSchema>;

export const ruleSchema = z.object({
  id: z.string(),
  name: z.string(),
  trigger: ruleTriggerSchema,
  conditions: z.array(ruleConditionSchema),
  actions: z.array(ruleActionSchema),
  position: z.number().int(),
  enabled: z.boolean(),
  createdAt: isoDateSchema,
});
export type Rule = z.infer<typeof ruleSchema>;
