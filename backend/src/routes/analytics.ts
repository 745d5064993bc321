// Analytics API (read-only, any role): summary per sequence/step/variant/template/owner, the recipient-local
// hour × weekday heatmap, and A/B results on reply rate. Scoped to the caller's workspace.
import { Hono } from "hono";
import {
  analyticsAbTestSchema,
  analyticsHeatmapSchema,
  analyticsRangeQuerySchema,
  analyticsSummaryQuerySchema,
  analyticsSummarySchema,
} from "@threadline/shared/schemas";
import type { RouteSpec } from "../openapi/route-spec";
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

export const analyticsSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/analytics/summary",
    summary:
      "Sent messages in [from, to) per sequence, step, A/B variant, template or owner: enrolled, sent, delivered, human and machine opens, human clicks, replies, bounces, unsubscribes, reply rate, median time to reply",
    query: analyticsSummaryQuerySchema,
    responses: { 200: analyticsSummarySchema },
  },
  {
    method: "get",
    path: "/analytics/heatmap",
    summary: "Replies and human opens by the recipient's local weekday × hour (best time to send)",
    query: analyticsRangeQuerySchema,
    responses: { 200: analyticsHeatmapSchema },
  },
  {
    method: "get",
    path: "/analytics/ab-tests",
    summary: "A/B variants per step with reply rates and a two-proportion z-test against the first variant",
    query: analyticsRangeQuerySchema,
    responses: { 200: analyticsAbTestSchema },
  },
];
