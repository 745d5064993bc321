import { z } from "zod";
import { idSchema, isoDateSchema, tagSchema } from "./common";

/** Contact fields a CSV column can feed; "ignore" drops the column. */
export const importFieldSchema = z.enum([
  "email",
  "firstName",
  "lastName",
  "displayName",
  "title",
  "phone",
  "country",
  "language",
  "timeZone",
  "company",
  "tags",
  "stage",
  "ignore",
]);
export type ImportField = z.infer<typeof importFieldSchema>;

const csvList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(tagSchema).max(20));

/** Options of one import, as query parameters (API) or flags (CLI). */
export const importOptionsSchema = z
  .object({
    // What to do when the email already exists: update the contact's fields, or leave it as it is.
    mode: z.enum(["update", "skip"]).default("skip"),
    tags: csvList.default([]),
    source: z.string().trim().min(1).max(200).optional(),
    // Header → field, overriding the detected mapping, as JSON: {"E-Mail Adresse":"email","备注":"ignore"}.
    mapping: z
      .string()
      .max(10_000)
      .transform((v, ctx) => {
        try {
          return JSON.parse(v) as unknown;
        } catch {
          ctx.addIssue({ code: "custom", message: 'must be JSON such as {"Mail":"email"}' });
          return z.NEVER;
        }
      })
      .pipe(z.record(z.string().max(200), importFieldSchema))
      .optional(),
    delimiter: z.enum([",", ";", "\t", "|"]).optional(),
    encoding: z.enum(["utf-8", "gb18030"]).default("utf-8"),
    sequenceId: idSchema.optional(),
    fileName: z.string().trim().max(300).optional(),
  })
  .strict();
export type ImportOptionsInput = z.input<typeof importOptionsSchema>;
export type ImportOptions = z.infer<typeof importOptionsSchema>;

/**
 * queued (waiting for the import before it) → running (reading, validating and writing in short batches) → done;
 * cancelled or failed → rolling_back (undoing what it wrote) → cancelled | failed, with nothing of it left.
 */
export const importStatusSchema = z.enum(["queued", "running", "rolling_back", "done", "failed", "cancelled"]);
export type ImportStatus = z.infer<typeof importStatusSchema>;

export const importSchema = z.object({
  id: z.string(),
  status: importStatusSchema,
  fileName: z.string().nullable(),
  // Who started it (a user id; null for the CLI).
  actorId: z.string().nullable(),
  mapping: z.record(z.string(), z.string()),
  rowsRead: z.number().int(),
  rowsWritten: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  invalid: z.number().int(),
  enrolled: z.number().int(),
  bytesRead: z.number().int(),
  // Size of the file in bytes (null while unknown).
  totalBytes: z.number().int().nullable(),
  // 0–100 by bytes read while running; 100 once done.
  percent: z.number().min(0).max(100),
  // Rows read per second since it started (null before it starts).
  rowsPerSecond: z.number().nullable(),
  // Estimated seconds until it has read the whole file (null when unknown or finished).
  secondsLeft: z.number().nullable(),
  cancelRequested: z.boolean(),
  // Plain message when the whole import failed (nothing was written).
  failure: z.string().nullable(),
  errorReportUrl: z.string().nullable(),
  createdAt: isoDateSchema,
  startedAt: isoDateSchema.nullable(),
  finishedAt: isoDateSchema.nullable(),
});
export type Import = z.infer<typeof importSchema>;
