// The OpenAPI 3.1 document at GET /api/v1/openapi.json, generated from the same zod schemas the routes validate
// with (zod 4's z.toJSONSchema): request schemas as the client sends them, responses as the server sends them.
import { z } from "zod";
import { errorBodySchema } from "@threadline/shared/schemas";
import type { RouteSpec } from "./route-spec";

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
};

const errorDescriptions: Record<number, string> = {
  400: "Invalid input; the message and details.fields name every failing field",
  401: "Missing, unknown or revoked token, or deactivated user",
  403: "The caller's role may not do this (viewers never write)",
  404: "Not found in the caller's workspace",
  409: "Conflicts with existing data",
  413: "Request body over 1 MB",
  429: "Too many failed authentications from this address or for this token prefix; retry after Retry-After seconds",
  415: "The body is not JSON (Content-Type: application/json) or, for an upload, not one of its media types",
  500: "Server error; nothing was changed",
  503: "A service the route needs is not configured or not reachable; nothing was changed",
};

function parameters(schema: z.ZodObject | undefined, where: "path" | "query") {
  if (!schema) return [];
  const json = toSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === "path" || (json.required ?? []).includes(name),
    schema: s,
  }));
}

function operation(spec: RouteSpec) {
  const secured = spec.auth !== false;
  const responses: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(spec.responses)) {
    responses[status] = {
      description: status === "201" ? "Created" : "OK",
      content: { "application/json": { schema: toSchema(schema, "output") } },
    };
  }
  const errors = new Set<number>([400, ...(secured ? [401] : []), ...(spec.errors ?? []), 500]);
  if (spec.role) errors.add(403);
  if (spec.body) errors.add(413);
  if (spec.method !== "get") errors.add(415);
  if (secured) errors.add(429);
  for (const status of [...errors].sort()) {
    responses[String(status)] = {
      description: errorDescriptions[status],
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
  }
  return {
    summary: spec.summary,
    ...(spec.role ? { description: `Needs the ${spec.role} role or higher.` } : {}),
    ...(secured ? {} : { security: [] }),
    parameters: [...parameters(spec.params, "path"), ...parameters(spec.query, "query")],
    ...(spec.body
      ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(spec.body, "input") } } } }
      : {}),
    ...(spec.upload
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(spec.upload.map((type) => [type, { schema: { type: "string", format: "binary" } }])),
          },
        }
      : {}),
    responses,
  };
}

/**
 * Builds the document. `routes` (the app's own route table) adds any mounted route that has no spec yet, so the
 * document never silently omits one; such routes are marked undocumented.
 */
export function openApiDocument(input: { specs: RouteSpec[]; routes?: { method: string; path: string }[]; serverUrl: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of input.specs) {
    (paths[spec.path] ??= {})[spec.method] = operation(spec);
  }
  for (const r of input.routes ?? []) {
    const path = openApiPath(r.path);
    const method = r.method.toLowerCase();
    if (!path || paths[path]?.[method]) continue;
    (paths[path] ??= {})[method] = {
      summary: "(undocumented: no RouteSpec yet)",
      responses: { default: { description: "See the route's source" } },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Threadline API",
      version: "1",
      description:
        "CRM and sequences inside Gmail and Outlook. Every route except /health and this document needs `Authorization: Bearer <token>`. Errors are always `{ error: { code, message, details? } }`.",
    },
    servers: [{ url: `${input.serverUrl.replace(/\/$/, "")}/api/v1` }],
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } },
      schemas: { Error: toSchema(errorBodySchema, "output") },
    },
    paths,
  };
}

/** `/api/v1/contacts/:id` → `/contacts/{id}`; null for paths outside /api/v1 and the document itself. */
export function openApiPath(honoPath: string): string | null {
  if (!honoPath.startsWith("/api/v1/")) return null;
  const rest = honoPath.slice("/api/v1".length).replace(/\/$/, "") || "/";
  if (rest === "/openapi.json" || rest.includes("*")) return null;
  return rest.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}
