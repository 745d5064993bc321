import { Hono } from "hono";
import { cardQuerySchema, cardSchema } from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
import { validate } from "../http/validate";
import type { RouteSpec } from "../openapi/route-spec";
import { loadCard } from "../repo/card";

export const cardRoutes = new Hono<AppEnv>().get("/", validate("query", cardQuerySchema), async (c) => {
  const q = c.req.valid("query");
  const card = await loadCard(c.var.db, { auth: c.var.auth, email: q.email, name: q.name, now: new Date() });
  return c.json(card, 200);
});

export const cardSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/card",
    summary:
      "Everything the sidebar shows for one address: contact (or a suggestion), company, last 20 events, enrollments, open tasks, local time, warnings",
    query: cardQuerySchema,
    responses: { 200: cardSchema },
  },
];
