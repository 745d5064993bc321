import { Hono } from "hono";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { idSchema, suppressionWriteSchema, suppressionSchema } from "@threadline/shared/schemas";
import { contacts } from "../db/schema";
import { stopContactEnrollments } from "../enrollments/set-enrollment-state";
import { notFound } from "../http/api-error";
import type { AppEnv } from "../http/app-env";
import type { RouteSpec } from "../openapi/route-spec";
import { requireRole } from "../http/auth";
import { validate } from "../http/validate";
import { addSuppression, listSuppressions, removeSuppression, suppressionToApi } from "../repo/suppressions";

const idParam = z.object({ id: idSchema });

/** Suppression list (admin): addresses and whole domains. Adding one stops the matching contacts' enrollments. */
export const suppressionsRoutes = new Hono<AppEnv>()
  .use("*", requireRole("admin"))
  .get("/", async (c) => c.json({ items: (await listSuppressions(c.var.db, c.var.auth.workspaceId)).map(suppressionToApi) }, 200))
  .post("/", validate("json", suppressionWriteSchema), async (c) => {
    const body = c.req.valid("json");
    const { workspaceId, userId } = c.var.auth;
    const row = await c.var.db.transaction(async (tx) => {
      const { row: r } = await addSuppression(tx, { workspaceId, ...body });
      const matching = await tx
        .select({ id: contacts.id })
        .from(contacts)
        .where(
          and(
            eq(contacts.workspaceId, workspaceId),
            body.kind === "address"
              ? eq(contacts.email, body.value)
              : sql`substr(${contacts.email}, instr(${contacts.email}, '@') + 1) = ${body.value}`,
          ),
        );
      for (const m of matching) {
        await stopContactEnrollments(tx, {
          workspaceId,
          contactId: m.id,
          state: body.reason === "unsubscribe" ? "unsubscribed" : body.reason === "hard_bounce" ? "bounced" : "stopped",
          reason: `suppressed (${body.reason})`,
          actor: userId,
        });
      }
      return r;
    });
    return c.json(suppressionToApi(row), 201);
  })
  .delete("/:id", validate("param", idParam), async (c) => {
    if (!(await removeSuppression(c.var.db, c.var.auth.workspaceId, c.req.valid("param").id))) throw notFound("Suppression");
    return c.json({ deleted: true }, 200);
  });

export const suppressionsSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/suppressions",
    summary: "The workspace's suppression list (addresses and domains, with reason and time)",
    role: "admin",
    responses: { 200: z.object({ items: z.array(suppressionSchema) }) },
    errors: [403],
  },
  {
    method: "post",
    path: "/suppressions",
    summary: "Suppress an address or a whole domain; stops the matching contacts' active enrollments",
    role: "admin",
    body: suppressionWriteSchema,
    responses: { 201: suppressionSchema },
    errors: [403],
  },
  {
    method: "delete",
    path: "/suppressions/{id}",
    summary: "Remove a suppression",
    role: "admin",
    params: idParam,
    responses: { 200: z.object({ deleted: z.literal(true) }) },
    errors: [403, 404],
  },
];
