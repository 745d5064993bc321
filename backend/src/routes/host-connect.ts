// Host sign-in through the console: the signed-in user allows the Gmail extension or the Outlook add-in, which gets
// an API token of its own (labelled by host, so revoking it in the console signs that host out).
import { Hono } from "hono";
import { hostConnectedSchema, hostConnectSchema } from "@threadline/shared/schemas";
import { ApiError } from "../http/api-error";
import type { AppConfig, AppEnv } from "../http/app-env";
import { validate } from "../http/validate";
import type { RouteSpec } from "../openapi/route-spec";
import { createToken } from "../repo/tokens";

const labels = { "gmail-extension": "Gmail extension", "outlook-addin": "Outlook add-in" } as const;

/** When CORS_ORIGINS names chrome-extension:// origins, only those extensions may receive a token. */
function assertKnownExtension(config: AppConfig, redirectUri: string) {
  const id = new URL(redirectUri).hostname.split(".")[0]!;
  const known = config.corsOrigins.filter((o) => o.startsWith("chrome-extension://")).map((o) => o.slice(19).replace(/\/$/, ""));
  if (known.length > 0 && !known.includes(id)) {
    throw new ApiError("bad_request", `redirectUri: extension ${id} is not one this server trusts (CORS_ORIGINS).`, {
      fields: [{ path: "redirectUri", message: "unknown extension" }],
    });
  }
}

export const hostConnectRoutes = new Hono<AppEnv>().post("/", validate("json", hostConnectSchema), async (c) => {
  // A token must not mint more tokens: only a person signed in to the console allows a host.
  if (!c.var.auth.sessionId) throw new ApiError("forbidden", "Allowing a mail host needs a console session, not an API token.");
  const body = c.req.valid("json");
  if (body.redirectUri) assertKnownExtension(c.var.config, body.redirectUri);
  const token = await createToken(c.var.db, c.var.auth, { name: labels[body.client] });
  const redirectTo = body.redirectUri ? `${body.redirectUri}#token=${encodeURIComponent(token.token)}` : null;
  const message = body.client === "outlook-addin" ? JSON.stringify({ type: "threadline-token", token: token.token }) : null;
  return c.json({ token, redirectTo, message }, 201);
});

export const hostConnectSpec: RouteSpec[] = [
  {
    method: "post",
    path: "/connect",
    summary:
      "Sign a mail host in (console session only): mints an API token labelled 'Gmail extension' or 'Outlook add-in' and returns the chromiumapp.org redirect (token in the fragment) or the messageParent string",
    body: hostConnectSchema,
    responses: { 201: hostConnectedSchema },
    errors: [403],
  },
];
