import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { ApiError } from "./api-error";

/** Renders zod issues as "field: message" lines a person can act on. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): {
  message: string;
  fields: { path: string; message: string }[];
} {
  const fields = issues.map((i) => {
    const path = i.path.map(String).join(".") || "(body)";
    let message = i.message;
    if (i.code === "unrecognized_keys") message = `unknown field(s): ${i.keys.join(", ")}`;
    return { path, message };
  });
  return { message: fields.map((f) => `${f.path}: ${f.message}`).join("; "), fields };
}

/**
 * zValidator with the project's error shape: 400 `bad_request` naming every failing field.
 * Used for json, query and param; the schema is also what the typed client (hc) infers from.
 */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const { message, fields } = describeIssues(result.error.issues);
      throw new ApiError("bad_request", `Invalid ${target === "json" ? "request body" : target}: ${message}`, { fields });
    }
  });
}
