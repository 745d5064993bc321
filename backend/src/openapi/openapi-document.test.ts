import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestApp, type TestApp } from "../testing/test-app";
import { openApiPath } from "./openapi-document";
import { routeSpecs } from "./route-specs";

let t: TestApp;
let doc: any;
beforeAll(async () => {
  t = await createTestApp();
  const r = await t.call("GET", "/api/v1/openapi.json", { token: null });
  expect(r.status).toBe(200);
  doc = r.json;
});
afterAll(() => t.close());

const appRoutes = () =>
  t.app.routes
    .filter((r) => r.method !== "ALL")
    .map((r) => ({ method: r.method.toLowerCase(), path: openApiPath(r.path) }))
    .filter((r): r is { method: string; path: string } => r.path !== null);

describe("GET /api/v1/openapi.json", () => {
  test("is public OpenAPI 3.1 with bearer security", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth).toEqual({ type: "http", scheme: "bearer" });
    expect(doc.servers[0].url).toBe("http://127.0.0.1:8787/api/v1");
  });

  // The registry meta-test: a route mounted without a RouteSpec (routes/<resource>.ts → openapi/route-specs.ts) fails here.
  test("every mounted /api/v1 route has a spec, and every spec is a mounted route", () => {
    const mounted = appRoutes().map((r) => `${r.method} ${r.path}`);
    const specified = routeSpecs.map((s) => `${s.method} ${s.path}`);
    expect(mounted.filter((m) => !specified.includes(m))).toEqual([]);
    expect(specified.filter((s) => !mounted.includes(s))).toEqual([]);
    for (const r of appRoutes()) expect(doc.paths[r.path][r.method].summary).not.toMatch(/undocumented/);
  });

  test("request and response schemas come from the zod schemas", () => {
    const create = doc.paths["/contacts"].post;
    const body = create.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(["email"]);
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.email.maxLength).toBe(254);
    expect(Object.keys(create.responses).sort()).toEqual(["201", "400", "401", "403", "409", "413", "415", "429", "500"]);

    const card = doc.paths["/card"].get;
    expect(card.parameters.map((p: { name: string; required: boolean }) => [p.name, p.required])).toEqual([
      ["email", true],
      ["name", false],
    ]);
    const cardBody = card.responses["200"].content["application/json"].schema;
    expect(cardBody.properties.warnings.items.properties.code.enum).toContain("lookalike_domain");

    const list = doc.paths["/contacts"].get.parameters.find((p: { name: string }) => p.name === "limit");
    expect(list).toMatchObject({ in: "query", required: false });
    expect(doc.paths["/contacts/{id}"].get.parameters[0]).toMatchObject({ name: "id", in: "path", required: true });
    expect(
      doc.paths["/templates/{id}/render"].post.responses["200"].content["application/json"].schema.properties,
    ).toHaveProperty("missing");
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toContain("bad_request");
  });
});
