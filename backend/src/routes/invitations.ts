// Team invitations: admins invite by email and role (only an owner invites an owner) and get the link to copy — also
// mailed through the workspace's default mailbox when one is connected; pending ones are listed and revoked. The
// link's page looks the invitation up and accepts it (public: the invitee has no account yet), which creates the
// user and their console login and signs in, as first-run setup does.
import { Hono } from "hono";
import {
  idParamSchema,
  invitationAcceptSchema,
  invitationCreatedSchema,
  invitationCreateSchema,
  invitationListSchema,
  invitationLookupSchema,
  invitationPreviewSchema,
  invitationSchema,
  signedInSchema,
} from "@threadline/shared/schemas";
import { checkPassword } from "@threadline/shared/domain/check-password";
import { hashPassword } from "../auth/create-login";
import { assertTrustedOriginIfSent } from "../auth/session-cookie";
import { ApiError } from "../http/api-error";
import type { AppEnv } from "../http/app-env";
import { requireRole } from "../http/auth";
import { validate } from "../http/validate";
import type { RouteSpec } from "../openapi/route-spec";
import {
  acceptInvitation,
  createInvitation,
  invitationLink,
  invitationToApi,
  invitedEmailOf,
  listPendingInvitations,
  previewInvitation,
  revokeInvitation,
} from "../repo/invitations";
import { getMe, getMeOfUser } from "../repo/users";
import { sendInvitationMail } from "../sending/send-invitation-mail";

const requireAdmin = requireRole("admin");

export const invitationsRoutes = new Hono<AppEnv>()
  .get("/", requireAdmin, async (c) => c.json({ items: await listPendingInvitations(c.var.db, c.var.auth.workspaceId) }, 200))
  .post("/", requireAdmin, validate("json", invitationCreateSchema), async (c) => {
    const { db, config, auth } = c.var;
    const { row, token } = await createInvitation(db, auth, c.req.valid("json"));
    const me = await getMe(db, auth);
    const inviter = { id: me.user.id, name: me.user.name };
    const link = invitationLink(config.publicUrl, token);
    const mail = await sendInvitationMail(db, config, {
      invitationId: row.id,
      workspaceId: auth.workspaceId,
      workspaceName: me.workspace.name,
      inviter,
      email: row.email,
      role: row.role,
      link,
      expiresAt: row.expiresAt,
    });
    return c.json({ ...invitationToApi(row, inviter), link, mail }, 201);
  })
  .delete("/:id", requireAdmin, validate("param", idParamSchema), async (c) =>
    c.json(await revokeInvitation(c.var.db, c.var.auth, c.req.valid("param").id), 200),
  );

/** Public: mounted before the authenticated API (the token is the credential). */
export const invitationsPublicRoutes = new Hono<AppEnv>()
  .post("/lookup", validate("json", invitationLookupSchema), async (c) =>
    c.json(await previewInvitation(c.var.db, c.req.valid("json").token), 200),
  )
  .post("/accept", validate("json", invitationAcceptSchema), async (c) => {
    assertTrustedOriginIfSent(c);
    const input = c.req.valid("json");
    const email = await invitedEmailOf(c.var.db, input.token);
    const problem = checkPassword({ password: input.password, email });
    if (problem) {
      throw new ApiError("bad_request", `password ${problem}`, { fields: [{ path: "password", message: problem }] });
    }
    const passwordHash = await hashPassword(input.password);
    const { userId } = await acceptInvitation(c.var.db, { token: input.token, name: input.name, passwordHash });
    const { signInWithPassword } = await import("../auth/console-auth");
    await signInWithPassword(c, { email, password: input.password });
    return c.json(await getMeOfUser(c.var.db, userId), 201);
  });

export const invitationsSpec: RouteSpec[] = [
  {
    method: "get",
    path: "/invitations",
    summary: "Pending invitations of the workspace (not accepted, revoked or expired), oldest first (admin)",
    role: "admin",
    responses: { 200: invitationListSchema },
    errors: [403],
  },
  {
    method: "post",
    path: "/invitations",
    summary:
      "Invite someone by email with a role (admin; only an owner invites an owner). Returns the link — valid 7 days, single use, shown only here — and mails it through the workspace's default mailbox when one is connected. A newer invitation to the same address replaces a pending one.",
    role: "admin",
    body: invitationCreateSchema,
    responses: { 201: invitationCreatedSchema },
    errors: [403, 409],
  },
  {
    method: "delete",
    path: "/invitations/{id}",
    summary: "Revoke a pending invitation (admin); its link stops working at once",
    role: "admin",
    params: idParamSchema,
    responses: { 200: invitationSchema },
    errors: [403, 404],
  },
  {
    method: "post",
    path: "/invitations/lookup",
    summary:
      "What an invitation link invites to (email, role, workspace). Public; 404 unknown link, 409 used, revoked or expired.",
    auth: false,
    body: invitationLookupSchema,
    responses: { 200: invitationPreviewSchema },
    errors: [404, 409],
  },
  {
    method: "post",
    path: "/invitations/accept",
    summary:
      "Accept an invitation: sets your name and password, creates your user with the invited role and signs in (session cookie). Public; 404 unknown link, 409 used, revoked or expired, or the email already signs in.",
    auth: false,
    body: invitationAcceptSchema,
    responses: { 201: signedInSchema },
    errors: [403, 404, 409],
  },
];
