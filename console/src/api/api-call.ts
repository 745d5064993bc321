// Awaits a typed-client call and returns its parsed body; any failure becomes an ApiFailure (the sidebar's shape)
// carrying the server's field errors, so pages and forms explain every failure the same way.
import type { ClientResponse } from "hono/client";
import { DetailedError, parseResponse } from "hono/client";
import { ApiFailure, failureKindOf } from "@threadline/shared/ui/sidebar-api";

type ErrorBody = { error?: { message?: string; details?: unknown } };

export function toConsoleFailure(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) return error;
  if (error instanceof DetailedError) {
    const status = error.statusCode ?? 0;
    const body = (error.detail as { data?: unknown } | undefined)?.data as ErrorBody | string | undefined;
    const message = typeof body === "object" && body?.error?.message ? body.error.message : `The server answered ${status}.`;
    return new ApiFailure(failureKindOf(status), message, status, typeof body === "object" ? body?.error?.details : undefined);
  }
  // fetch rejects only when the server cannot be reached at all.
  if (error instanceof TypeError) {
    return new ApiFailure("offline", "Threadline's server can't be reached. Check your connection and try again.");
  }
  return new ApiFailure("http", error instanceof Error ? error.message : "Something went wrong.");
}

export async function apiCall<T extends ClientResponse<unknown>>(request: Promise<T>): ReturnType<typeof parseResponse<T>> {
  try {
    return await parseResponse(request);
  } catch (error) {
    throw toConsoleFailure(error);
  }
}

/** The server's per-field messages (`details.fields` of a 400), keyed by the field's path. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const fields = (error instanceof ApiFailure ? error.details : undefined) as
    { fields?: { path: string; message: string }[] } | undefined;
  return Object.fromEntries((fields?.fields ?? []).map((f) => [f.path, f.message]));
}
