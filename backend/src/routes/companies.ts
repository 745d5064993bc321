import { Hono } from "hono";
import { companyListQuerySchema, companySchema, idParamSchema, page } from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
import { validate } from "../http/validate";
import type { RouteSpec } from "../openapi/route-spec";
import { companyToApi, getCompany, listCompanies } from "../repo/companies";

export const companiesRoutes = new Hono<AppEnv>()
  .get("/", validate("query", companyListQuerySchema), async (c) => {
    const r = await listCompanies(c.var.db, c.var.auth.workspaceId, c.req.valid("query"));
    return c.json({ items: r.items.map(companyToApi), nextCursor: r.nextCursor }, 200);
  })
  .get("/:id", validate("param", idParamSchema), async (c) => {
    return c.json(companyToApi(await getCompany(c.var.db, c.var.auth.workspaceId, c.req.valid("param").id)), 200);
  });

export const companiesSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/companies",
    summary: "List companies, newest first (q over name and domain)",
    query: companyListQuerySchema,
    responses: { 200: page(companySchema) },
  },
  {
    method: "get",
    path: "/companies/{id}",
    summary: "Get a company",
    params: idParamSchema,
    responses: { 200: companySchema },
    errors: [404],
  },
];
