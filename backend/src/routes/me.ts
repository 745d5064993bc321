import { Hono } from "hono";
import { meSchema } from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
import type { RouteSpec } from "../openapi/route-spec";
import { getMe } from "../repo/users";

export const meRoutes = new Hono<AppEnv>().get("/", async (c) => c.json(await getMe(c.var.db, c.var.auth), 200));

export const meSpec: RouteSpec[] = [
  { method: "get", path: "/me", summary: "The caller and their workspace", responses: { 200: meSchema } },
];
