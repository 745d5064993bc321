// Builds the Hono app: middleware, error shape, every route mounted. No listen here (see server.ts).
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { Db } from "./db/client";
import { ApiError } from "./http/api-error";
import type { AppConfig, AppEnv } from "./http/app-env";
import { notFound, onError } from "./http/error-handlers";
import { requireAuth } from "./http/auth";
import { requireJsonBody } from "./http/require-json-body";
import { securityHeaders } from "./http/security-headers";
import { createAuthThrottle, type AuthThrottleLimits } from "./http/auth-throttle";
import type { Client } from "@libsql/client";
import { createIpRangeSet } from "@threadline/shared/domain/create-ip-range-set";
import { openApiDocument } from "./openapi/openapi-document";
import { routeSpecs } from "./openapi/route-specs";
import { analyticsRoutes } from "./routes/analytics";
import { cardRoutes } from "./routes/card";
import { companiesRoutes } from "./routes/companies";
import { contactsRoutes } from "./routes/contacts";
import { gmailPushRoutes, type GmailPushDeps } from "./routes/gmail-push";
import { meRoutes } from "./routes/me";
import { notesRoutes } from "./routes/notes";
import { tasksRoutes } from "./routes/tasks";
import { templatesRoutes } from "./routes/templates";
import { tokensRoutes } from "./routes/tokens";
import { createTrackingPublicRoutes, trackingOnlyApp } from "./routes/tracking-public";
import { usersRoutes } from "./routes/users";
import { enrollmentsRoutes } from "./routes/enrollments";
import { mailboxesRoutes, oauthCallbackRoutes } from "./routes/mailboxes";
import { outboxRoutes } from "./routes/outbox";
import { sequencesRoutes } from "./routes/sequences";
import { suppressionsRoutes } from "./routes/suppressions";
import { unsubscribeRoutes } from "./routes/unsubscribe";
import { TrackingBatchWriter } from "./tracking/tracking-batch-writer";
import { TrackingRecorder } from "./tracking/tracking-recorder";
import { erasureRoutes } from "./routes/erasure";
import { exportRoutes } from "./routes/export";
import { handoverRoutes } from "./routes/handover";
import { importsRoutes } from "./routes/imports";
import { rulesRoutes } from "./routes/rules";
import { templateLocalesRoutes } from "./routes/template-locales";
import { entraLinkRoutes } from "./routes/entra-link";
import { trackedMessagesRoutes } from "./routes/tracked-messages";
import { setupRoutes } from "./routes/setup";
import { sessionPublicRoutes, sessionRoutes } from "./routes/session";
import { sessionsRoutes } from "./routes/sessions";
import { hostConnectRoutes } from "./routes/host-connect";
import { contactsBulkRoutes } from "./routes/contacts-bulk";
import { segmentsRoutes } from "./routes/segments";
import { consoleStatic } from "./http/console-static";
import { invitationsPublicRoutes, invitationsRoutes } from "./routes/invitations";

export interface AppDeps {
  db: Db;
  config: AppConfig;
  /** Gmail Pub/Sub push (POST /hooks/gmail-push); not mounted when absent. */
  gmailPush?: GmailPushDeps;
  /** Open/click recording; server.ts passes one it flushes on shutdown. Default: one with no Apple ranges. */
  tracking?: { recorder: TrackingRecorder; trustProxy?: boolean };
  /** Limits of the failed-authentication throttle (tests set small ones); default DEFAULT_AUTH_THROTTLE. */
  authThrottle?: AuthThrottleLimits;
  /** The built console (console/dist), served at `/`; not served when absent. */
  console?: { distDir: string };
}

export function createApp(deps: AppDeps) {
  return buildApp(deps).app;
}

/**
 * The Node server's fetch handler. Tracking paths (/t/...) go straight to a Hono app holding only the tracking
 * routes — the same route instances, error shape and not-found answer as createApp()'s — so the pixel, the
 * hottest route by far, is not matched against every API route first; everything else goes to the full app.
 */
export function createServerFetch(deps: AppDeps) {
  const { app, tracking } = buildApp(deps);
  const fetch = (req: Request, env: { incoming?: { url?: string } } | undefined) =>
    env?.incoming?.url?.startsWith("/t/") ? tracking.fetch(req, env) : app.fetch(req, env);
  return { app, fetch };
}

function buildApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.onError(onError);
  app.notFound(notFound);
  // Every response (server.ts sends /t/* to the tracking-only app, whose routes set their own: the pixel stays lean).
  app.use("*", securityHeaders);

  // Public tracking endpoints (open pixel, click redirect): no auth, never under /api. Mounted before the
  // middleware below, which they do not need: the pixel is the hottest route and answers on its own.
  const tracking = deps.tracking ?? {
    recorder: new TrackingRecorder({
      sink: new TrackingBatchWriter({
        client: (deps.db as Db & { $client: Client }).$client,
        appleRanges: createIpRangeSet([]),
        ipSecret: deps.config.signingSecret,
      }),
    }),
  };
  const trackingRoutes = createTrackingPublicRoutes({ ...tracking, db: deps.db, signingSecret: deps.config.signingSecret });
  app.route("/t", trackingRoutes);
  const trackingApp = trackingOnlyApp(trackingRoutes);

  // Every route below reads db/config from the context. Registered per prefix, not on "*": a "*" middleware also
  // matches /t/*, and a second matched handler makes Hono answer the pixel through its async compose path
  // (a Promise per request, handled by @hono/node-server's slower path) — a measurable share of the pixel's
  // cost in bench:tracking. A new top-level prefix must be added here (the every-route test would fail).
  const authThrottle = createAuthThrottle(deps.authThrottle);
  const withDeps: MiddlewareHandler<AppEnv> = async (c, next) => {
    c.set("db", deps.db);
    c.set("config", deps.config);
    c.set("authThrottle", authThrottle);
    await next();
  };
  for (const prefix of ["/api/*", "/u/*", "/oauth/*", "/hooks/*", "/health"]) app.use(prefix, withDeps);
  app.use(
    "/api/*",
    cors({
      origin: (origin) => (deps.config.corsOrigins.includes(origin) ? origin : null),
      allowHeaders: ["Authorization", "Content-Type"],
      allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
      maxAge: 600,
    }),
  );
  const jsonBodyLimit = bodyLimit({
    maxSize: 1024 * 1024,
    onError: () => {
      throw new ApiError("payload_too_large", "The request body is larger than 1 MB.");
    },
  });
  // CSV uploads are streamed and limited by the import itself (importMaxBytes).
  app.use("/api/*", (c, next) => (c.req.method === "POST" && c.req.path === "/api/v1/imports" ? next() : jsonBodyLimit(c, next)));
  // JSON or nothing (415 otherwise), except the documented uploads, which check their own media types.
  const strictBodies = requireJsonBody(
    routeSpecs.filter((s) => s.upload).map((s) => ({ method: s.method, path: `/api/v1${s.path}` })),
  );
  app.use("/api/*", strictBodies);
  app.use("/hooks/*", strictBodies);

  const api = new Hono<AppEnv>()
    .use("*", requireAuth)
    .route("/contacts", contactsRoutes)
    .route("/", notesRoutes)
    .route("/companies", companiesRoutes)
    .route("/templates", templatesRoutes)
    .route("/me", meRoutes)
    .route("/users", usersRoutes)
    .route("/tokens", tokensRoutes)
    .route("/card", cardRoutes)
    .route("/sequences", sequencesRoutes)
    .route("/enrollments", enrollmentsRoutes)
    .route("/mailboxes", mailboxesRoutes)
    .route("/suppressions", suppressionsRoutes)
    .route("/outbox", outboxRoutes)

    .route("/analytics", analyticsRoutes)
    .route("/rules", rulesRoutes)
    .route("/imports", importsRoutes)
    .route("/contacts", erasureRoutes)
    .route("/contacts", contactsBulkRoutes)
    .route("/segments", segmentsRoutes)
    .route("/export", exportRoutes)
    .route("/handover", handoverRoutes)
    .route("/templates", templateLocalesRoutes)
    .route("/tasks", tasksRoutes)
    .route("/tracked-messages", trackedMessagesRoutes)
    .route("/", entraLinkRoutes)
    .route("/session", sessionRoutes)
    .route("/sessions", sessionsRoutes)
    .route("/connect", hostConnectRoutes)
    .route("/invitations", invitationsRoutes);

  if (deps.gmailPush) app.route("/hooks/gmail-push", gmailPushRoutes(deps.gmailPush));

  let openApi: ReturnType<typeof openApiDocument> | null = null;
  const routed = app
    .get("/health", (c) => c.json({ ok: true }, 200))
    // Public, before the authenticated sub-app: built once, from the route specs and the app's own route table.
    .get("/api/v1/openapi.json", (c) => {
      openApi ??= openApiDocument({ specs: routeSpecs, routes: app.routes, serverUrl: deps.config.publicUrl });
      return c.json(openApi, 200);
    })
    .route("/u", unsubscribeRoutes)
    .route("/oauth", oauthCallbackRoutes)
    // Public console routes, before the authenticated sub-app: first-run setup and sign-in.
    .route("/api/v1/setup", setupRoutes)
    .route("/api/v1/session", sessionPublicRoutes)
    .route("/api/v1/invitations", invitationsPublicRoutes)
    // better-auth's own endpoints: only the social sign-in callbacks are served (everything else goes through
    // the typed /api/v1 routes above, in the one error shape). Loaded on first use.
    .on(["GET", "POST"], "/api/auth/callback/:provider", async (c) => {
      const { handleAuthCallback } = await import("./auth/console-auth");
      return handleAuthCallback(c);
    })
    .route("/api/v1", api);
  // Last: the console answers only what no route above did (and never a backend path).
  if (deps.console) routed.route("/", consoleStatic(deps.console));
  return { app: routed, tracking: trackingApp };
}

export type AppType = ReturnType<typeof createApp>;
