import { DetailedError } from "hono/client";
import { ApiFailure } from "@threadline/shared/ui/sidebar-api";
import { describe, expect, test } from "vitest";
import { fieldErrorsOf, toConsoleFailure } from "./api-call";

const detailed = (status: number, data: unknown) => new DetailedError(`${status}`, { statusCode: status, detail: { data } });

describe("toConsoleFailure", () => {
  test.each([
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "not_found"],
    [400, "invalid"],
    [409, "invalid"],
    [429, "invalid"],
    [503, "offline"],
    [500, "http"],
  ] as const)("status %i → %s, with the server's message", (status, kind) => {
    const failure = toConsoleFailure(detailed(status, { error: { code: "x", message: "Say what to fix." } }));
    expect(failure.kind).toBe(kind);
    expect(failure.status).toBe(status);
    expect(failure.message).toBe("Say what to fix.");
  });

  test("a body that is not the error shape still gives a sentence", () => {
    expect(toConsoleFailure(detailed(502, "<html>bad gateway</html>")).message).toBe("The server answered 502.");
  });

  test("fetch's TypeError (server unreachable) is offline", () => {
    expect(toConsoleFailure(new TypeError("Failed to fetch")).kind).toBe("offline");
  });

  test("an ApiFailure passes through", () => {
    const f = new ApiFailure("forbidden", "no");
    expect(toConsoleFailure(f)).toBe(f);
  });
});

describe("fieldErrorsOf", () => {
  test("the 400's details.fields keyed by path", () => {
    const failure = toConsoleFailure(
      detailed(400, {
        error: {
          code: "bad_request",
          message: "Invalid request body: email: Invalid email",
          details: {
            fields: [
              { path: "email", message: "Invalid email" },
              { path: "workspace.name", message: "Too short" },
            ],
          },
        },
      }),
    );
    expect(fieldErrorsOf(failure)).toEqual({ email: "Invalid email", "workspace.name": "Too short" });
  });

  test.each([[new Error("x")], [new ApiFailure("invalid", "no details")], [undefined]])("nothing to show: %s", (e) => {
    expect(fieldErrorsOf(e)).toEqual({});
  });
});
