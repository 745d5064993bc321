// Microsoft Entra ID access tokens (from the Outlook add-in's nested app authentication) as an alternative to
// API tokens: signature checked against the tenant's JWKS, then issuer, audience, expiry and scope; the token's
// `oid` (the user's object id, stable and not reassignable) is mapped to users.entra_oid. Never the email
// claims: they are not verified by Entra and would let another tenant claim a user.
import { and, eq } from "drizzle-orm";
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { ApiError } from "../http/api-error";
import { ENTRA_NOT_LINKED } from "@threadline/shared/schemas";

export interface EntraConfig {
  /** e.g. https://login.microsoftonline.com/<tenant-id>/v2.0 */
  issuer: string;
  /** The backend API's application id URI or client id (api://… or a GUID). */
  audience: string;
  /** e.g. https://login.microsoftonline.com/<tenant-id>/discovery/v2.0/keys */
  jwksUrl: string;
  /** A delegated scope the token must carry in `scp` (e.g. access_as_user); null = any. */
  scope: string | null;
}

/** A bearer value shaped like a JWT (three base64url parts): tried as an Entra token before the API token table. */
export const looksLikeJwt = (token: string) => /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(token);

// One key set per JWKS URL: jose caches keys and refetches on an unknown kid (key rotation), with a cooldown.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
function keySet(url: string) {
  let set = keySets.get(url);
  if (!set) {
    set = createRemoteJWKSet(new URL(url), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    keySets.set(url, set);
  }
  return set;
}

/** Verifies the token and returns its claims; throws ApiError 401 with the reason a person can act on. */
export async function verifyEntraToken(token: string, config: EntraConfig): Promise<JWTPayload & { oid: string }> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keySet(config.jwksUrl), {
      issuer: config.issuer,
      audience: config.audience,
      algorithms: ["RS256"],
      clockTolerance: 60,
    }));
  } catch (err) {
    // The keys being unreachable is our problem, not the caller's: 503, so clients retry instead of signing out.
    if (err instanceof errors.JWKSTimeout || !(err instanceof errors.JOSEError)) {
      throw new ApiError("unavailable", "The Microsoft sign-in keys could not be fetched; try again in a moment.");
    }
    throw new ApiError("unauthorized", entraFailure(err));
  }
  const oid = payload.oid;
  if (typeof oid !== "string" || oid === "") {
    throw new ApiError("unauthorized", "The Microsoft token has no user object id (oid); sign in with a user account.");
  }
  if (config.scope) {
    const scopes = typeof payload.scp === "string" ? payload.scp.split(" ") : [];
    if (!scopes.includes(config.scope)) {
      throw new ApiError("unauthorized", `The Microsoft token lacks the scope "${config.scope}"; sign in again to grant it.`);
    }
  }
  return { ...payload, oid };
}

function entraFailure(err: errors.JOSEError): string {
  if (err instanceof errors.JWTExpired) return "The Microsoft sign-in has expired; sign in again.";
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === "aud")
      return "The Microsoft token was issued for another application (audience); check the add-in's API scope.";
    if (err.claim === "iss") return "The Microsoft token comes from another tenant or issuer than this backend accepts.";
    if (err.claim === "nbf") return "The Microsoft token is not valid yet; check the clock of this computer.";
    return `The Microsoft token's ${err.claim} claim is not accepted.`;
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return "The Microsoft token's signature is invalid.";
  if (err instanceof errors.JWKSNoMatchingKey) return "The Microsoft token was signed with a key the tenant does not publish.";
  return `The Microsoft token is not valid (${err.message}).`;
}

/** The active Threadline user linked to this Entra object id. */
export async function findEntraUser(db: Db, oid: string) {
  const rows = await db
    .select({ userId: users.id, workspaceId: users.workspaceId, role: users.role })
    .from(users)
    .where(and(eq(users.entraOid, oid), eq(users.active, true)))
    .limit(2);
  if (rows.length === 0) {
    throw new ApiError(
      "unauthorized",
      `No active Threadline user is linked to this Microsoft account (oid ${oid}). Sign in once with your API token and link it (POST /api/v1/me/entra; in Outlook: "Link Microsoft account").`,
      // The Outlook add-in recognises this and explains how to link.
      { reason: ENTRA_NOT_LINKED },
    );
  }
  if (rows.length > 1) {
    throw new ApiError(
      "unauthorized",
      "This Microsoft account is linked to several workspaces; sign in with an API token instead.",
    );
  }
  return rows[0]!;
}
