// A stand-in Microsoft Entra tenant for tests: a JWKS served on 127.0.0.1 and access tokens signed with its key (or
// with another key, for forgeries), so tokens go through the real verification (auth/entra.ts) offline.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import type { EntraConfig } from "../auth/entra";

export const ENTRA_TENANT = "11111111-2222-3333-4444-555555555555";
export const ENTRA_ISSUER = `https://login.microsoftonline.com/${ENTRA_TENANT}/v2.0`;
export const ENTRA_AUDIENCE = "api://threadline.example/backend";

export async function startLocalEntra() {
  const pair = await generateKeyPair("RS256");
  const otherKey = (await generateKeyPair("RS256")).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "key-1", alg: "RS256", use: "sig" };
  let jwksRequests = 0;
  const server = createServer((req, res) => {
    jwksRequests++;
    if (req.url !== "/discovery/v2.0/keys") return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const config: EntraConfig = {
    issuer: ENTRA_ISSUER,
    audience: ENTRA_AUDIENCE,
    jwksUrl: `http://127.0.0.1:${port}/discovery/v2.0/keys`,
    scope: "access_as_user",
  };

  /** An access token for `oid` (claims override the defaults: scope, tenant, issuer, audience). */
  function sign(
    oid: string | undefined,
    claims: JWTPayload = {},
    opts: { key?: CryptoKey; kid?: string; expiresIn?: string | number } = {},
  ) {
    return new SignJWT({ oid, scp: "access_as_user", tid: ENTRA_TENANT, ...claims })
      .setProtectedHeader({ alg: "RS256", kid: opts.kid ?? "key-1", typ: "JWT" })
      .setIssuer((claims.iss as string | undefined) ?? ENTRA_ISSUER)
      .setAudience((claims.aud as string | undefined) ?? ENTRA_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(opts.expiresIn ?? "1h")
      .sign(opts.key ?? pair.privateKey);
  }

  return {
    config,
    sign,
    /** A key the tenant does not publish. */
    otherKey,
    jwksRequests: () => jwksRequests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type LocalEntra = Awaited<ReturnType<typeof startLocalEntra>>;
