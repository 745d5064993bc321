import { stringify } from "csv-stringify";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/app-env";
import type { RouteSpec } from "../openapi/route-spec";
import { requireRole } from "../http/auth";
import { validate } from "../http/validate";
import { exportColumns, exportKinds, exportRows, toCsvCells } from "../export/export-rows";

const kindParam = z.object({ kind: z.enum(exportKinds) });
const formatQuery = z.object({ format: z.enum(["csv", "json"]).default("csv") }).strict();

/** GET /export/:kind?format=csv|json (admin): the whole workspace's data of one kind, streamed page by page. */
export const exportRoutes = new Hono<AppEnv>().get(
  "/:kind",
  requireRole("admin"),
  validate("param", kindParam),
  validate("query", formatQuery),
  async (c) => {
    const { kind } = c.req.valid("param");
    const { format } = c.req.valid("query");
    const { db } = c.var;
    const { workspaceId } = c.var.auth;
    const pages = exportRows(db, workspaceId, kind);
    const encoder = new TextEncoder();
    const stamp = new Date().toISOString().slice(0, 10);
    const filename = `threadline-${kind}-${stamp}.${format}`;
    let body: ReadableStream<Uint8Array>;
    if (format === "json") {
      let first = true;
      body = new ReadableStream({
        async start(controller) {
          controller.enqueue(encoder.encode("["));
        },
        async pull(controller) {
          const next = await pages.next();
          if (next.done) {
            controller.enqueue(encoder.encode("]\n"));
            controller.close();
            return;
          }
          const text = next.value.map((r) => JSON.stringify(r)).join(",\n");
          controller.enqueue(encoder.encode(`${first ? "\n" : ",\n"}${text}`));
          first = false;
        },
      });
    } else {
      const columns = exportColumns[kind];
      const csv = stringify({ header: true, columns, bom: true, cast: { boolean: (v) => (v ? "true" : "false") } });
      (async () => {
        try {
          for await (const page of pages) {
            for (const r of page) if (!csv.write(toCsvCells(r, columns))) await new Promise((res) => csv.once("drain", res));
          }
          csv.end();
        } catch (err) {
          csv.destroy(err as Error);
        }
      })();
      body = new ReadableStream({
        async start(controller) {
          csv.on("data", (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk)));
          csv.on("end", () => controller.close());
          csv.on("error", (err) => controller.error(err));
        },
      });
    }
    return c.body(body, 200, {
      "content-type": format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
    });
  },
);

export const exportSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/export/{kind}",
    summary: "Export contacts, companies, notes or timeline as CSV (text/csv, UTF-8 with BOM) or JSON, streamed",
    role: "admin",
    params: kindParam,
    query: formatQuery,
    responses: { 200: z.array(z.record(z.string(), z.unknown())) },
    errors: [403],
  },
];
