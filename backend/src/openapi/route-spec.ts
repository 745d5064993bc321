import type { z } from "zod";

/**
 * What the OpenAPI document says about one route. Each routes file exports the list for its own routes, next to
 * the handlers, built from the same zod schemas the handlers validate with; openapi-document.ts assembles them.
 */
export interface RouteSpec {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** Path under /api/v1 in OpenAPI form: `/contacts/{id}/notes`. */
  path: string;
  summary: string;
  /** Default true: needs `Authorization: Bearer <token>` or the console's session cookie. */
  auth?: boolean;
  /** Minimum role, when more than viewer. */
  role?: "rep" | "admin" | "owner";
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Media types of an upload body read by the route itself (instead of a JSON `body`), e.g. text/csv. */
  upload?: string[];
  responses: Partial<Record<200 | 201 | 204, z.ZodType>>;
  /** Error statuses this route can answer besides 400/401/500. */
  errors?: (403 | 404 | 409 | 413 | 415 | 429 | 503)[];
}
