// First run: while the database has no workspace, the console shows a setup form that creates the first workspace,
// its owner and the owner's console login, and signs in. Public (there is nobody to authenticate yet); refused for
// good once any workspace exists.
import { Hono } from "hono";
import { setupSchema, setupStatusSchema, signedInSchema } from "@threadline/shared/schemas";
import { hashPassword } from "../auth/create-login";
import { assertTrustedOriginIfSent } from "../auth/session-cookie";
import { ApiError } from "../http/api-error";
import type { AppEnv } from "../http/app-env";
import { validate } from "../http/validate";
import type { RouteSpec } from "../openapi/route-spec";
import { getMeOfUser } from "../repo/users";
import { createFirstWorkspace, hasAnyWorkspace } from "../repo/workspaces";

const alreadySetUp = () =>
  new ApiError("conflict", "Threadline is already set up: sign in, or ask your workspace's admin for an invitation.");

export const setupRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json({ needed: !(await hasAnyWorkspace(c.var.db)) }, 200))
  .post("/", validate("json", setupSchema), async (c) => {
    assertTrustedOriginIfSent(c);
    const input = c.req.valid("json");
    if (await hasAnyWorkspace(c.var.db)) throw alreadySetUp();
    const passwordHash = await hashPassword(input.password);
    const { userId } = await createFirstWorkspace(c.var.db, { ...input, passwordHash });
    const { signInWithPassword } = await import("../auth/console-auth");
    await signInWithPassword(c, { email: input.email, password: input.password });
    return c.json(await getMeOfUser(c.var.db, userId), 201);
  });

export const setupSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/setup",
    summary: "Whether first-run setup is needed (no workspace exists yet); public",
    auth: false,
    responses: { 200: setupStatusSchema },
  },
  {
    method: "post",
    path: "/setup",
    summary:
      "First-run setup: creates the first workspace and its owner with a console password, and signs in (session cookie). Public; 409 once any workspace exists.",
    auth: false,
    body: setupSchema,
    responses: { 201: signedInSchema },
    errors: [403, 409],
  },
];
