// The one error shape of every route, { error: { code, message, details? } }, and the not-found answer — shared by
// the full app and the tracking-only app (app.ts, tracking-server.ts).
import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { ApiError } from "./api-error";
import type { AppEnv } from "./app-env";

// One error shape for every route: { error: { code, message, details? } }.
export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof ApiError) {
    for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
    return c.json(
      { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } },
      err.status,
      err.headers,
    );
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code =
      status === 413
        ? "payload_too_large"
        : status === 415
          ? "unsupported_media_type"
          : status === 401
            ? "unauthorized"
            : status === 404
              ? "not_found"
              : "bad_request";
    return c.json({ error: { code, message: err.message || "The request could not be processed." } }, status);
  }
  console.error("unhandled error", err);
  return c.json(
    {
      error: {
        code: "internal",
        message: "Something went wrong on the server; nothing was changed. Try again, and report it if it persists.",
      },
    },
    500,
  );
};
export const notFound: NotFoundHandler<AppEnv> = (c) =>
  c.json({ error: { code: "not_found", message: `No route ${c.req.method} ${c.req.path}.` } }, 404);
