// Public tracking endpoints (no auth): the open pixel and the click redirect. Both answer at once and hand
// the hit to the recorder's in-memory queue; labelling and the database write happen later, in batches.
import { eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import type { Db } from "../db/client";
import { trackedLinks } from "../db/schema";
import { ApiError } from "../http/api-error";
import { notFound, onError } from "../http/error-handlers";
import { TRACKING_SECURITY_HEADERS } from "../http/security-headers";
import type { AppEnv } from "../http/app-env";
import { normaliseHttpUrl } from "@threadline/shared/domain/normalise-http-url";
import { verifyToken } from "../security/sign-token";
import { pixelGif, pixelHeaders } from "../tracking/pixel-gif";
import { internRef, type InternRef } from "../tracking/tracking-hit-pack";
import type { RequestFacts, TrackingRecorder } from "../tracking/tracking-recorder";

export const OPEN_PURPOSE = "open";
export const CLICK_PURPOSE = "click";

const VERIFIED_CACHE_MAX = 50_000;

const purposeHeaders = ["sec-purpose", "purpose", "x-purpose", "x-moz"] as const;

// @hono/node-server exposes the Node request as c.env.incoming. Its rawHeaders array is read in one pass:
// IncomingMessage.headers is built lazily on first access (every header parsed and lower-cased into a new
// object), a measurable share of the pixel's cost that the bare route never pays. app.request() in tests has
// no incoming: fall back to c.req.header().
interface NodeBindings {
  incoming?: { url?: string; method?: string; rawHeaders: string[]; socket?: { remoteAddress?: string } };
}

const nodeRequest = (c: Context<AppEnv>) => (c.env as NodeBindings | undefined)?.incoming;

/**
 * The last path segment, read from Node's request line: the bare route never builds Hono's request wrapper
 * (c.req), and on the pixel's path that wrapper was a measurable cost. A token never needs percent-decoding;
 * one that came encoded fails verification and still gets the GIF.
 */
function lastSegment(url: string): string {
  const q = url.indexOf("?");
  const end = q === -1 ? url.length : q;
  return url.slice(url.lastIndexOf("/", end - 1) + 1, end);
}

/** Every header factsFromRawHeaders reads (the app.request() path looks each one up). */
const factHeaderNames = [...purposeHeaders, "user-agent", "x-forwarded-for"] as const;

const isPurposeHeader = (lower: string): lower is (typeof purposeHeaders)[number] =>
  (purposeHeaders as readonly string[]).includes(lower);

/**
 * Facts from Node's raw header list (names in any case). Repeats are treated as Node treats them: the first
 * user-agent wins, other repeated headers are joined with ", ".
 */
export function factsFromRawHeaders(raw: string[], remoteAddress: string | null, method: string, trustProxy: boolean) {
  let userAgent: string | null = null;
  let forwardedFor: string | undefined;
  let purpose: Record<string, string> | null = null;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    // Cheap length/first-letter filter before lower-casing: most headers are none of these.
    const n = name.length;
    const first = name.charCodeAt(0) | 0x20;
    if (n === 10 && first === 117 /* u */) {
      if (name.toLowerCase() === "user-agent") userAgent ??= raw[i + 1]!;
    } else if (n === 15 && first === 120 /* x */) {
      // Only the first entry is used, which is the first header's first entry.
      if (name.toLowerCase() === "x-forwarded-for") forwardedFor ??= raw[i + 1]!;
    } else if ((n === 11 || n === 7 || n === 9 || n === 5) && (first === 115 || first === 112 || first === 120)) {
      const lower = name.toLowerCase();
      if (isPurposeHeader(lower)) {
        purpose ??= {};
        purpose[lower] = purpose[lower] === undefined ? raw[i + 1]! : `${purpose[lower]}, ${raw[i + 1]!}`;
      }
    }
  }
  const forwarded = trustProxy ? forwardedFor?.split(",")[0]?.trim() : undefined;
  const facts: RequestFacts = {
    method,
    userAgent,
    ip: forwarded || remoteAddress,
    headersJson: purpose === null ? null : JSON.stringify(purpose),
  };
  return facts;
}

function requestFacts(c: Context<AppEnv>, trustProxy: boolean): RequestFacts {
  const incoming = nodeRequest(c);
  if (incoming) {
    const method = incoming.method ?? c.req.method;
    return factsFromRawHeaders(incoming.rawHeaders, incoming.socket?.remoteAddress ?? null, method, trustProxy);
  }
  const raw: string[] = [];
  for (const name of factHeaderNames) {
    const value = c.req.header(name);
    if (value !== undefined) raw.push(name, value);
  }
  return factsFromRawHeaders(raw, null, c.req.method, trustProxy);
}

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
  // Keyed by the path segment as requested ("<token>.gif"), so a cache hit copies no string.
  // The send id is kept as an InternRef, which lets the recorder pack repeated hits of one send cheaply.
  const verifiedOpens = new Map<string, InternRef>();
  const openTokenId = (file: string): InternRef | null => {
    const cached = verifiedOpens.get(file);
    if (cached !== undefined) return cached;
    if (!file.endsWith(".gif")) return null;
    const id = verifyToken({ secret, purpose: OPEN_PURPOSE, token: file.slice(0, -4) });
    if (id === null) return null;
    if (verifiedOpens.size >= VERIFIED_CACHE_MAX) verifiedOpens.delete(verifiedOpens.keys().next().value!);
    const ref = internRef(id);
    verifiedOpens.set(file, ref);
    return ref;
  };

  return new Hono<AppEnv>()
    .get("/o/:file", (c) => {
      // A forged or malformed token is answered like any other but never reaches the database.
      const url = nodeRequest(c)?.url;
      const sendJobId = openTokenId(url === undefined ? c.req.param("file") : lastSegment(url));
      if (sendJobId) recorder.acceptFacts("open", sendJobId, requestFacts(c, trustProxy), Date.now());
      return c.body(pixelGif, 200, pixelHeaders);
    })
    .on(["GET", "HEAD"], "/c/:ticket", async (c) => {
      // Also on its 404 (the error handler's answer keeps the headers set here).
      for (const [name, value] of Object.entries(TRACKING_SECURITY_HEADERS)) c.header(name, value);
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
      // Only normalised absolute http(s) destinations are ever redirected to: no open redirect, no javascript:/data:
      // URLs, and no header-breaking characters from a row stored before destinations were normalised.
      const destination = link ? normaliseHttpUrl(link.url) : null;
      if (!link || !destination) throw notFound;
      const tracked = { id: link.id, workspaceId: link.workspaceId, url: destination, buyingSignal: link.buyingSignal };
      recorder.acceptFacts("click", link.sendJobId, requestFacts(c, trustProxy), Date.now(), tracked);
      // 302, never 301/308: a cached permanent redirect would skip this server on the next click.
      c.header("Cache-Control", "no-store");
      c.header("Referrer-Policy", "no-referrer");
      return c.redirect(destination, 302);
    });
}

/**
 * A Hono app holding only the tracking routes under /t, with the full app's error shape and not-found answer: the
 * all-in-one server hands /t/* to it directly, and it is the whole HTTP surface of the dedicated tracking server.
 */
export function trackingOnlyApp(routes: ReturnType<typeof createTrackingPublicRoutes>) {
  const app = new Hono<AppEnv>().route("/t", routes);
  app.onError(onError);
  app.notFound((c) => {
    for (const [name, value] of Object.entries(TRACKING_SECURITY_HEADERS)) c.header(name, value);
    return notFound(c);
  });
  return app;
}
