// Public tracking endpoints (no auth): the open pixel and the click redirect. Both answer at once and hand
// the hit to the recorder's in-memory queue; labelling and the database write happen later, in batches.
import { eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import type { Db } from "../db/client";
import { trackedLinks } from "../db/schema";
import { ApiError } from "../http/api-error";
import type { AppEnv } from "../http/app-env";
import { verifyToken } from "../security/sign-token";
import { pixelGif, pixelHeaders } from "../tracking/pixel-gif";
import type { TrackingHit, TrackingRecorder } from "../tracking/tracking-recorder";

export const OPEN_PURPOSE = "open";
export const CLICK_PURPOSE = "click";

const VERIFIED_CACHE_MAX = 50_000;

const purposeHeaders = ["sec-purpose", "purpose", "x-purpose", "x-moz"] as const;

// @hono/node-server exposes the Node request as c.env.incoming. Its rawHeaders array is read in one pass:
// IncomingMessage.headers is built lazily on first access (every header parsed and lower-cased into a new
// object), a measurable share of the pixel's cost that the bare route never pays. app.request() in tests has
// no incoming: fall back to c.req.header().
interface NodeBindings {
  incoming?: { rawHeaders: string[]; socket?: { remoteAddress?: string } };
}

interface RawFacts {
  userAgent: string | null;
  forwardedFor: string | undefined;
  headers: Record<string, string | undefined>;
}

const isPurposeHeader = (lower: string): lower is (typeof purposeHeaders)[number] =>
  (purposeHeaders as readonly string[]).includes(lower);

function rawFacts(raw: string[]): RawFacts {
  let userAgent: string | null = null;
  let forwardedFor: string | undefined;
  let headers: Record<string, string | undefined> | null = null;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    // Cheap length/first-letter filter before lower-casing: most headers are none of these.
    const n = name.length;
    const first = name.charCodeAt(0) | 0x20;
    if (n === 10 && first === 117 /* u */) {
      if (name.toLowerCase() === "user-agent") userAgent = userAgent === null ? raw[i + 1]! : `${userAgent}, ${raw[i + 1]!}`;
    } else if (n === 15 && first === 120 /* x */) {
      if (name.toLowerCase() === "x-forwarded-for") forwardedFor ??= raw[i + 1]!;
    } else if ((n === 11 || n === 7 || n === 9 || n === 5) && (first === 115 || first === 112 || first === 120)) {
      const lower = name.toLowerCase();
      if (isPurposeHeader(lower)) {
        headers ??= {};
        headers[lower] = headers[lower] === undefined ? raw[i + 1]! : `${headers[lower]}, ${raw[i + 1]!}`;
      }
    }
  }
  return { userAgent, forwardedFor, headers: headers ?? {} };
}

function requestFacts(c: Context<AppEnv>, trustProxy: boolean) {
  const incoming = (c.env as NodeBindings | undefined)?.incoming;
  let facts: RawFacts;
  if (incoming) facts = rawFacts(incoming.rawHeaders);
  else {
    const headers: Record<string, string | undefined> = {};
    for (const name of purposeHeaders) {
      const value = c.req.header(name);
      if (value !== undefined) headers[name] = value;
    }
    facts = { userAgent: c.req.header("user-agent") ?? null, forwardedFor: c.req.header("x-forwarded-for"), headers };
  }
  const forwarded = trustProxy ? facts.forwardedFor?.split(",")[0]?.trim() : undefined;
  return {
    method: c.req.method,
    userAgent: facts.userAgent,
    ip: forwarded || (incoming?.socket?.remoteAddress ?? null),
    headers: facts.headers,
    occurredAt: Date.now(),
  };
}

const isHttpUrl = (url: string) => {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
};

export function createTrackingPublicRoutes(opts: {
  recorder: TrackingRecorder;
  db: Db;
  signingSecret: string;
  trustProxy?: boolean;
}) {
  const { recorder, db, signingSecret: secret } = opts;
  const trustProxy = opts.trustProxy ?? false;

  // Valid pixel tokens seen lately → send id. One message's pixel is fetched several times (Apple's and Gmail's
  // proxies, scanners, re-opens) and the HMAC is the pixel's costliest step. Only verified tokens are kept,
  // looked up by their exact text, so a forged token always goes through verification.
  const verifiedOpens = new Map<string, string>();
  const openTokenId = (token: string): string | null => {
    const cached = verifiedOpens.get(token);
    if (cached !== undefined) return cached;
    const id = verifyToken({ secret, purpose: OPEN_PURPOSE, token });
    if (id !== null) {
      if (verifiedOpens.size >= VERIFIED_CACHE_MAX) verifiedOpens.delete(verifiedOpens.keys().next().value!);
      verifiedOpens.set(token, id);
    }
    return id;
  };

  return new Hono<AppEnv>()
    .get("/o/:file", (c) => {
      const file = c.req.param("file");
      // A forged or malformed token is answered like any other but never reaches the database.
      if (file.endsWith(".gif")) {
        const sendJobId = openTokenId(file.slice(0, -4));
        if (sendJobId) {
          const hit: TrackingHit = { kind: "open", sendJobId, ...requestFacts(c, trustProxy) };
          recorder.accept(hit);
        }
      }
      return c.body(pixelGif, 200, pixelHeaders);
    })
    .on(["GET", "HEAD"], "/c/:ticket", async (c) => {
      const linkId = verifyToken({ secret, purpose: CLICK_PURPOSE, token: c.req.param("ticket") });
      const notFound = new ApiError("not_found", "This tracked link is unknown or was altered; no redirect is made.");
      if (!linkId) throw notFound;
      const link = (
        await db
          .select({
            id: trackedLinks.id,
            workspaceId: trackedLinks.workspaceId,
            sendJobId: trackedLinks.sendJobId,
            url: trackedLinks.url,
            buyingSignal: trackedLinks.buyingSignal,
          })
          .from(trackedLinks)
          .where(eq(trackedLinks.id, linkId))
          .limit(1)
      )[0];
      // Only http(s) destinations are ever redirected to: no open redirect, no javascript:/data: URLs.
      if (!link || !isHttpUrl(link.url)) throw notFound;
      recorder.accept({
        kind: "click",
        sendJobId: link.sendJobId,
        link: { id: link.id, workspaceId: link.workspaceId, url: link.url, buyingSignal: link.buyingSignal },
        ...requestFacts(c, trustProxy),
      });
      // 302, never 301/308: a cached permanent redirect would skip this server on the next click.
      c.header("Cache-Control", "no-store");
      c.header("Referrer-Policy", "no-referrer");
      return c.redirect(link.url, 302);
    });
}
