import { Hono } from "hono";
import {
  idParamSchema,
  tokenCreatedSchema,
  tokenCreateSchema,
  tokenListQuerySchema,
  tokenListSchema,
  tokenSchema,
} from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
import { requireWriter } from "../http/auth";
import { validate } from "../http/validate";
import type { RouteSpec } from "../openapi/route-spec";
import { createToken, listTokens, revokeToken, tokenToApi } from "../repo/tokens";

export const tokensRoutes = new Hono<AppEnv>()
  .get("/", validate("query", tokenListQuerySchema), async (c) => {
    const rows = await listTokens(c.var.db, c.var.auth, c.req.valid("query").scope);
    return c.json({ items: rows.map(tokenToApi) }, 200);
  })
  .post("/", requireWriter, validate("json", tokenCreateSchema), async (c) =>
    c.json(await createToken(c.var.db, c.var.auth, c.req.valid("json")), 201),
  )
  .delete("/:id", requireWriter, validate("param", idParamSchema), async (c) =>
    c.json(tokenToApi(await revokeToken(c.var.db, c.var.auth, c.req.valid("param").id)), 200),
  );

export const tokensSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/tokens",
    summary: "The caller's API tokens (scope=all: every token of the workspace, admins only); never the secrets",
    query: tokenListQuerySchema,
    responses: { 200: tokenListSchema },
    errors: [403],
  },
  {
    method: "post",
    path: "/tokens",
    summary:
      "Create an API token (for another user: admins), optionally expiring after `expiresInDays`. The secret is in this response only.",
    role: "rep",
    body: tokenCreateSchema,
    responses: { 201: tokenCreatedSchema },
    errors: [403, 409],
  },
  {
    method: "delete",
    path: "/tokens/{id}",
    summary: "Revoke a token (own, or any for admins)",
    role: "rep",
    params: idParamSchema,
    responses: { 200: tokenSchema },
    errors: [403, 404],
  },
];
