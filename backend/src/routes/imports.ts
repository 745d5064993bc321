import { Hono } from "hono";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import Busboy, { type BusboyInstance } from "@fastify/busboy";
import { z } from "zod";
import { idSchema, importOptionsSchema, importSchema } from "@threadline/shared/schemas";
import { ApiError } from "../http/api-error";
import type { AppEnv } from "../http/app-env";
import type { RouteSpec } from "../openapi/route-spec";
import { requireWriter } from "../http/auth";
import { mediaTypeOf } from "../http/require-json-body";
import { validate } from "../http/validate";
import { enrollImported } from "../imports/enroll-imported";
import { cancelImport, getImport, importToApi, listImports } from "../imports/import-records";
import { runImport, startImport, type ImportRow } from "../imports/run-import";
import { getSequence } from "../repo/sequences";

/** Default upload limit of one import file (AppConfig.importMaxBytes overrides; env IMPORT_MAX_BYTES). */
export const DEFAULT_IMPORT_MAX_BYTES = 100 * 1024 * 1024;

const idParam = z.object({ id: idSchema });
const uploadQuery = importOptionsSchema.extend({
  // true: answer when the import has finished (201); false: answer once the file is uploaded (202) and follow
  // the job with GET /imports/{id}.
  wait: z.enum(["true", "false"]).default("true"),
});

/** The media types POST /imports reads (documented in its spec; the strict-body middleware lets them through). */
export const IMPORT_MEDIA_TYPES = [
  "text/csv",
  "multipart/form-data",
  "text/plain",
  "application/csv",
  "application/octet-stream",
  "application/vnd.ms-excel",
];

/** Refuses any other media type with 415, before the upload is looked at; a missing Content-Type means CSV. */
function assertCsvMediaType(header: string | undefined) {
  const type = mediaTypeOf(header);
  if (type !== "" && !IMPORT_MEDIA_TYPES.includes(type)) {
    throw new ApiError("unsupported_media_type", `Send the file as text/csv or multipart/form-data, not ${type}.`);
  }
}

/** The CSV bytes of the request: a text/csv body, or the first file part of a multipart form. */
async function csvBodyOf(req: Request): Promise<{ stream: AsyncIterable<Uint8Array>; fileName: string | null }> {
  const type = req.headers.get("content-type") ?? "";
  if (!req.body) throw new ApiError("bad_request", "The request has no body: send the CSV file.");
  const body = Readable.fromWeb(req.body as import("node:stream/web").ReadableStream<Uint8Array>);
  if (/^multipart\/form-data/i.test(type)) {
    return new Promise((resolve, reject) => {
      let busboy: BusboyInstance;
      try {
        busboy = new Busboy({ headers: { "content-type": type }, limits: { files: 1, fields: 20 } });
      } catch {
        reject(new ApiError("bad_request", "The multipart body has no boundary."));
        return;
      }
      let found = false;
      busboy.on("file", (_field: string, stream: Readable, fileName: string) => {
        found = true;
        resolve({ stream, fileName: fileName || null });
      });
      busboy.on("finish", () => {
        if (!found) reject(new ApiError("bad_request", "The form has no file part: attach the CSV as a file field."));
      });
      busboy.on("error", (err: Error) => reject(new ApiError("bad_request", `The multipart body is malformed: ${err.message}`)));
      body.pipe(busboy);
    });
  }
  return { stream: body, fileName: null };
}

const tooLarge = (maxBytes: number) =>
  new ApiError(
    "payload_too_large",
    `The file is larger than the import limit of ${Math.round(maxBytes / (1024 * 1024))} MB. Split it into smaller files.`,
  );

/**
 * Writes the upload to a temp file, so the import job reads from disk and no longer depends on the request:
 * the uploading page may reload or close once it has the 202. Refuses more than `maxBytes` as it streams.
 */
async function spoolUpload(stream: AsyncIterable<Uint8Array>, maxBytes: number) {
  const dir = await mkdtemp(join(tmpdir(), "threadline-import-"));
  const path = join(dir, "upload.csv");
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      done(size > maxBytes ? tooLarge(maxBytes) : null, chunk);
    },
  });
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await pipeline(Readable.from(stream), counter, createWriteStream(path));
  } catch (err) {
    await remove();
    if (err instanceof ApiError) throw err;
    throw new ApiError("bad_request", "The upload was interrupted before the whole file arrived. Upload it again.");
  }
  return { path, size, remove };
}

export const importsRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const rows = await listImports(c.var.db, c.var.auth.workspaceId);
    return c.json({ items: rows.map(importToApi) }, 200);
  })
  .post("/", requireWriter, validate("query", uploadQuery), async (c) => {
    assertCsvMediaType(c.req.header("content-type"));
    const { wait, ...options } = c.req.valid("query");
    // A sequence that is not there (or not visible to the caller) is refused before the file is read.
    if (options.sequenceId) await getSequence(c.var.db, c.var.auth, options.sequenceId);
    const maxBytes = c.var.config.importMaxBytes ?? DEFAULT_IMPORT_MAX_BYTES;
    const declared = Number(c.req.header("content-length") ?? "0");
    if (declared > maxBytes) throw tooLarge(maxBytes);
    const { stream, fileName } = await csvBodyOf(c.req.raw);
    const upload = await spoolUpload(stream, maxBytes);
    const { db } = c.var;
    const { workspaceId, userId } = c.var.auth;
    const withName = { ...options, fileName: options.fileName ?? fileName ?? undefined };
    let run: Promise<ImportRow>;
    let id: string;
    try {
      id = await startImport(db, { workspaceId, actorId: userId, options: withName, totalBytes: upload.size });
      run = runImport(db, id, {
        workspaceId,
        actorId: userId,
        actor: userId,
        options: withName,
        source: createReadStream(upload.path),
        maxBytes,
        enroll: options.sequenceId ? enrollImported(db, c.var.auth, options.sequenceId) : undefined,
      }).finally(upload.remove);
    } catch (err) {
      await upload.remove();
      throw err;
    }
    if (wait === "true") {
      const row = await run;
      if (row.status === "failed") {
        const over = /larger than the import limit/.test(row.failure ?? "");
        throw new ApiError(over ? "payload_too_large" : "bad_request", row.failure ?? "The import failed.", {
          import: importToApi(row),
        });
      }
      if (row.status === "cancelled")
        throw new ApiError("conflict", "The import was cancelled; nothing of it was kept.", { import: importToApi(row) });
      return c.json(importToApi(row), 201);
    }
    run.catch((err) => console.error("import", id, err));
    return c.json(importToApi(await getImport(db, workspaceId, id)), 202);
  })
  .get("/:id", validate("param", idParam), async (c) => {
    const row = await getImport(c.var.db, c.var.auth.workspaceId, c.req.valid("param").id);
    return c.json(importToApi(row), 200);
  })
  .post("/:id/cancel", requireWriter, validate("param", idParam), async (c) => {
    const row = await cancelImport(c.var.db, c.var.auth.workspaceId, c.req.valid("param").id);
    return c.json(importToApi(row), 202);
  })
  .get("/:id/errors", validate("param", idParam), async (c) => {
    const row = await getImport(c.var.db, c.var.auth.workspaceId, c.req.valid("param").id);
    if (!row.errorReport) throw new ApiError("not_found", "This import has no rejected rows (or has not finished yet).");
    return c.body(row.errorReport, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="import-${row.id}-errors.csv"`,
    });
  });

export const importsSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/imports",
    summary: "Import history: the workspace's recent CSV imports (newest first, 50)",
    responses: { 200: z.object({ items: z.array(importSchema) }) },
  },
  {
    method: "post",
    path: "/imports",
    summary:
      "Import contacts from a CSV (body text/csv, or multipart/form-data with a file part; options as query parameters). A server-side job written in short batches; all-or-nothing (a failed or cancelled import is rolled back)",
    role: "rep",
    query: uploadQuery,
    upload: IMPORT_MEDIA_TYPES,
    responses: { 201: importSchema, 202: importSchema } as RouteSpec["responses"],
    errors: [403, 404, 409, 413],
  },
  {
    method: "get",
    path: "/imports/{id}",
    summary:
      "Progress (rows read/written/invalid, percent, rate, time left) and result of an import; any member of the workspace can follow it",
    params: idParam,
    responses: { 200: importSchema },
    errors: [404],
  },
  {
    method: "post",
    path: "/imports/{id}/cancel",
    summary:
      "Cancel a queued or running import: it stops at its next batch and rolls back everything it wrote (status rolling_back → cancelled)",
    role: "rep",
    params: idParam,
    responses: { 202: importSchema } as RouteSpec["responses"],
    errors: [403, 404, 409],
  },
  {
    method: "get",
    path: "/imports/{id}/errors",
    summary: "The rejected rows of an import as CSV (line, email, field, message) — text/csv",
    params: idParam,
    responses: { 200: z.string() },
    errors: [404],
  },
];
