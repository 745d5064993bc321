// Which roles a member may give by invitation: admins invite admins, reps and viewers; only an owner invites an owner
// (an owner can do everything, so making one is the owner's decision). Reps and viewers invite nobody.
import type { Role } from "../schemas/user";

const byInviter: Record<Role, Role[]> = {
  owner: ["owner", "admin", "rep", "viewer"],
  admin: ["admin", "rep", "viewer"],
  rep: [],
  viewer: [],
};

export const invitableRoles = (inviter: Role): Role[] => byInviter[inviter];
