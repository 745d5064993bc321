// Strict request bodies: a write request carries JSON (or nothing), or the media type its route documents as an
// upload (RouteSpec.upload, e.g. the CSV import). Anything else is a 415 before any handler or validator runs —
// Hono's json validator would otherwise read a text/plain body as `{}` and the request would still run.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env";
import { ApiError } from "./api-error";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// application/json or application/<x>+json, with parameters (charset=utf-8).
const JSON_TYPE = /^application\/([a-z0-9.-]+\+)?json\s*(;.*)?$/i;

/** The media type of a Content-Type header, lower-cased, without parameters; "" when absent. */
export const mediaTypeOf = (header: string | undefined) => (header ?? "").split(";")[0]!.trim().toLowerCase();

const hasBody = (req: Request) => {
  const length = req.headers.get("content-length");
  return req.headers.has("transfer-encoding") || (length !== null && length.trim() !== "0");
};

/**
 * `uploads`: full paths (e.g. /api/v1/imports) and the media types their routes read; those routes check the
 * type themselves (their bodies are streamed), so this middleware lets them through.
 */
export function requireJsonBody(uploads: { method: string; path: string }[] = []) {
  const uploadKeys = new Set(uploads.map((u) => `${u.method.toUpperCase()} ${u.path}`));
  return createMiddleware<AppEnv>(async (c, next) => {
    const { method } = c.req;
    if (!WRITES.has(method) || uploadKeys.has(`${method} ${c.req.path}`)) return next();
    const type = c.req.header("content-type");
    if (type === undefined ? hasBody(c.req.raw) : !JSON_TYPE.test(type)) {
      throw new ApiError(
        "unsupported_media_type",
        `Send the request body as JSON with 'Content-Type: application/json'${type ? `, not ${mediaTypeOf(type)}` : ""}.`,
      );
    }
    await next();
  });
}
