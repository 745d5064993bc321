import { Hono } from "hono";
import { idParamSchema, userCreateSchema, userListSchema, userSchema, userUpdateSchema } from "@threadline/shared/schemas";
import type { AppEnv } from "../http/app-env";
import { requireRole } from "../http/auth";
import { validate } from "../http/validate";
import type { RouteSpec } from "../openapi/route-spec";
import { createUser, getUser, listUsers, updateUser, userToApi } from "../repo/users";

const requireAdmin = requireRole("admin");

export const usersRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json({ items: (await listUsers(c.var.db, c.var.auth.workspaceId)).map(userToApi) }, 200))
  .get("/:id", validate("param", idParamSchema), async (c) =>
    c.json(userToApi(await getUser(c.var.db, c.var.auth.workspaceId, c.req.valid("param").id)), 200),
  )
  .post("/", requireAdmin, validate("json", userCreateSchema), async (c) =>
    c.json(userToApi(await createUser(c.var.db, c.var.auth.workspaceId, c.req.valid("json"))), 201),
  )
  .patch("/:id", requireAdmin, validate("param", idParamSchema), validate("json", userUpdateSchema), async (c) =>
    c.json(userToApi(await updateUser(c.var.db, c.var.auth, c.req.valid("param").id, c.req.valid("json"))), 200),
  );

export const usersSpec: RouteSpec[] = [
  { method: "get", path: "/users", summary: "Every user of the workspace", responses: { 200: userListSchema } },
  {
    method: "get",
    path: "/users/{id}",
    summary: "Get a user",
    params: idParamSchema,
    responses: { 200: userSchema },
    errors: [404],
  },
  {
    method: "post",
    path: "/users",
    summary: "Add a user (admin)",
    role: "admin",
    body: userCreateSchema,
    responses: { 201: userSchema },
    errors: [403, 409],
  },
  {
    method: "patch",
    path: "/users/{id}",
    summary:
      "Edit a user: name, role, time zone; `active: false` deactivates (their tokens are revoked and sessions ended for good: reactivating does not revive them)",
    role: "admin",
    params: idParamSchema,
    body: userUpdateSchema,
    responses: { 200: userSchema },
    errors: [403, 404, 409],
  },
];
