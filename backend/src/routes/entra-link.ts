// Linking a user's Microsoft (Entra) account, so the Outlook add-in can sign them in with nested app authentication:
// the caller proves the account with an Entra access token, verified exactly as sign-in verifies it (auth/entra.ts).
import { Hono } from "hono";
import { entraLinkSchema, idParamSchema, userSchema } from "@threadline/shared/schemas";
import { verifyEntraToken } from "../auth/entra";
import { ApiError } from "../http/api-error";
import type { AppEnv } from "../http/app-env";
import { requireRole } from "../http/auth";
import { validate } from "../http/validate";
import type { RouteSpec } from "../openapi/route-spec";
import { linkEntraAccount, unlinkEntraAccount, userToApi } from "../repo/users";

/** Mounted at /api/v1: /me/entra for oneself (any role: it is the caller's own sign-in), /users/:id/entra for admins. */
export const entraLinkRoutes = new Hono<AppEnv>()
  .post("/me/entra", validate("json", entraLinkSchema), async (c) => {
    const entra = c.var.config.entra;
    if (!entra) {
      throw new ApiError(
        "unavailable",
        "Microsoft sign-in is not configured on this backend (ENTRA_ISSUER, ENTRA_AUDIENCE and ENTRA_JWKS_URL); nothing was linked.",
      );
    }
    const claims = await verifyEntraToken(c.req.valid("json").accessToken, entra);
    return c.json(userToApi(await linkEntraAccount(c.var.db, c.var.auth, claims.oid)), 200);
  })
  .delete("/me/entra", async (c) => c.json(userToApi(await unlinkEntraAccount(c.var.db, c.var.auth, c.var.auth.userId)), 200))
  .delete("/users/:id/entra", requireRole("admin"), validate("param", idParamSchema), async (c) =>
    c.json(userToApi(await unlinkEntraAccount(c.var.db, c.var.auth, c.req.valid("param").id)), 200),
  );

export const entraLinkSpec: RouteSpec[] = [
  {
    method: "post",
    path: "/me/entra",
    summary:
      "Link the caller's Microsoft (Entra) account, proven by an access token for this API (verified like sign-in: signature, issuer, audience, expiry, scope); idempotent; 409 when another user holds that account; 503 without Entra configured",
    body: entraLinkSchema,
    responses: { 200: userSchema },
    errors: [409, 503],
  },
  {
    method: "delete",
    path: "/me/entra",
    summary: "Unlink the caller's Microsoft account (idempotent); Microsoft sign-in stops working for them",
    responses: { 200: userSchema },
  },
  {
    method: "delete",
    path: "/users/{id}/entra",
    summary: "Unlink a user's Microsoft account (admin; only the owner unlinks the owner); idempotent",
    role: "admin",
    params: idParamSchema,
    responses: { 200: userSchema },
    errors: [404],
  },
];
