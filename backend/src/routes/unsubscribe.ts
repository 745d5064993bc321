// RFC 8058 one-click unsubscribe. POST /u/<token>: no auth, List-Unsubscribe=One-Click as urlencoded or multipart body
// (else 400/415 and nothing changes), 200, no redirect,
// idempotent, suppression written before the answer. GET shows a confirm button and changes nothing (mail
// scanners follow GETs). Tokens are HMAC-signed send-job ids; a forged token changes nothing.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { eq } from "drizzle-orm";
import { contacts, enrollments, sendJobs, timelineEvents } from "../db/schema";
import { newId } from "../db/new-id";
import { stopContactEnrollments } from "../enrollments/set-enrollment-state";
import type { AppEnv } from "../http/app-env";
import { mediaTypeOf } from "../http/require-json-body";
import { styleHash } from "../http/security-headers";
import { addSuppression } from "../repo/suppressions";
import { verifyToken } from "../security/sign-token";

const css =
  "body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}" +
  "button{font-size:1rem;padding:.6rem 1.2rem}";
const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex">` +
  `<title>${title}</title><style>${css}</style></head><body>${body}</body></html>`;

// The page's own CSP (the app's security headers keep it): nothing but its one inline style, and a form posting back.
const headers = {
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex",
  "Content-Security-Policy": `default-src 'none'; style-src ${styleHash(css)}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
};

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

export const unsubscribeRoutes = new Hono<AppEnv>()
  .use("*", bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text("Request too large", 413) }))
  .get("/:token", async (c) => {
    const jobId = verifyToken({ secret: c.var.config.signingSecret, purpose: "unsubscribe", token: c.req.param("token") });
    if (!jobId)
      return c.html(
        page("Link not valid", "<h1>This unsubscribe link is not valid.</h1><p>Nothing was changed.</p>"),
        404,
        headers,
      );
    return c.html(
      page(
        "Unsubscribe",
        `<h1>Unsubscribe</h1><p>Press the button to stop receiving these emails.</p>` +
          `<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
      ),
      200,
      headers,
    );
  })
  .post("/:token", async (c) => {
    const { db, config } = c.var;
    const jobId = verifyToken({ secret: config.signingSecret, purpose: "unsubscribe", token: c.req.param("token") });
    // RFC 8058: the POST carries List-Unsubscribe=One-Click, urlencoded or multipart; anything else changes nothing
    // (a prefetch or an empty POST must not unsubscribe anyone). No token or login is ever needed beyond the link.
    if (!FORM_TYPES.includes(mediaTypeOf(c.req.header("content-type")))) {
      return c.html(
        page("Not unsubscribed", "<h1>Nothing was changed.</h1><p>Send the form (List-Unsubscribe=One-Click).</p>"),
        415,
        headers,
      );
    }
    const form = await c.req.parseBody({ all: true }).catch(() => null);
    const field = form?.["List-Unsubscribe"];
    if (!(Array.isArray(field) ? field : [field]).includes("One-Click")) {
      return c.html(
        page("Not unsubscribed", "<h1>Nothing was changed.</h1><p>The request lacks List-Unsubscribe=One-Click.</p>"),
        400,
        headers,
      );
    }
    if (!jobId)
      return c.html(
        page("Link not valid", "<h1>This unsubscribe link is not valid.</h1><p>Nothing was changed.</p>"),
        404,
        headers,
      );
    const job = (await db.select().from(sendJobs).where(eq(sendJobs.id, jobId)).limit(1))[0];
    if (!job) return c.html(page("Link not valid", "<h1>This unsubscribe link is no longer valid.</h1>"), 404, headers);
    await db.transaction(async (tx) => {
      const e = (await tx.select().from(enrollments).where(eq(enrollments.id, job.enrollmentId)).limit(1))[0]!;
      const contact = (await tx.select().from(contacts).where(eq(contacts.id, e.contactId)).limit(1))[0]!;
      const { created } = await addSuppression(tx, {
        workspaceId: job.workspaceId,
        kind: "address",
        value: contact.email,
        reason: "unsubscribe",
      });
      const stopped = await stopContactEnrollments(tx, {
        workspaceId: job.workspaceId,
        contactId: contact.id,
        state: "unsubscribed",
        reason: "one-click unsubscribe",
        actor: "system:unsubscribe",
      });
      // One timeline event per unsubscribe, not per repeated POST (the endpoint is idempotent).
      if (created || stopped.length) {
        await tx.insert(timelineEvents).values({
          id: newId("ev"),
          workspaceId: job.workspaceId,
          contactId: contact.id,
          type: "unsubscribe",
          actor: "system:unsubscribe",
          occurredAt: Date.now(),
          payload: { sendJobId: job.id, enrollmentId: e.id, stoppedEnrollments: stopped },
        });
      }
    });
    return c.html(
      page("Unsubscribed", "<h1>You are unsubscribed.</h1><p>You will not receive further emails from this sequence sender.</p>"),
      200,
      headers,
    );
  });
