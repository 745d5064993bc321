import { describe, expect, test } from "vitest";
import { invitableRoles } from "./invitable-roles";

describe("invitableRoles", () => {
  test.each([
    ["owner", ["owner", "admin", "rep", "viewer"]],
    ["admin", ["admin", "rep", "viewer"]],
    ["rep", []],
    ["viewer", []],
  ] as const)("%s may invite %j", (inviter, roles) => {
    expect(invitableRoles(inviter)).toEqual(roles);
  });
});
