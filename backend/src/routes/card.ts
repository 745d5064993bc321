import { Hono } from "hono";
import { cardQuerySchema, cardSchema } from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
import { validate } from "../http/validate";
import type { RouteSpec } from "../openapi/route-spec";
import { lookalikeWarning } from "../card/lookalike-warning";
import { loadCard } from "../repo/card";

export const cardRoutes = new Hono<AppEnv>().get("/", validate("query", cardQuerySchema), async (c) => {
  const q = c.req.valid("query");
  const { db, auth } = c.var;
  const card = await loadCard(db, {
    auth,
    email: q.email,
    name: q.name,
    now: new Date(),
    lookalike: (domain) => lookalikeWarning(db, auth.workspaceId, domain),
  });
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
