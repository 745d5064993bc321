import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";

export const analyticsRoutes = new Hono<AppEnv>();
