// Analytics API (read-only, any role): summary per sequence/step/variant/template/owner, the recipient-local
// hour × weekday heatmap, and A/B results on reply rate. Scoped to the caller's workspace.
import { Hono } from "hono";
import { analyticsRangeQuerySchema, analyticsSummaryQuerySchema } from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
import { validate } from "../http/validate";
import { analyticsAbTest, analyticsHeatmap, analyticsSummary } from "../repo/analytics";

export const analyticsRoutes = new Hono<AppEnv>()
  .get("/summary", validate("query", analyticsSummaryQuerySchema), async (c) => {
    return c.json(await analyticsSummary(c.var.db, c.var.auth.workspaceId, c.req.valid("query")), 200);
  })
  .get("/heatmap", validate("query", analyticsRangeQuerySchema), async (c) => {
    return c.json(await analyticsHeatmap(c.var.db, c.var.auth.workspaceId, c.req.valid("query")), 200);
  })
  .get("/ab-tests", validate("query", analyticsRangeQuerySchema), async (c) => {
    return c.json(await analyticsAbTest(c.var.db, c.var.auth.workspaceId, c.req.valid("query")), 200);
  });
