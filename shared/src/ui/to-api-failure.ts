import { ApiFailure } from "./sidebar-api";

/** Any thrown value as an ApiFailure, so the UI has one shape to explain. */
export function toApiFailure(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) return error;
  if (error && typeof error === "object" && "kind" in error && "message" in error) {
    const e = error as { kind: ApiFailure["kind"]; message: string; status?: number | null };
    return new ApiFailure(e.kind, e.message, e.status ?? null);
  }
  return new ApiFailure("http", error instanceof Error ? error.message : "Something went wrong.");
}

/** A sentence a person can act on, per failure kind. */
export function failureText(failure: ApiFailure): string {
  switch (failure.kind) {
    case "offline":
      return "Threadline's server can't be reached. Showing what was saved on this computer; changes are not possible until it is back.";
    case "not_signed_in":
      return "Not signed in. Open Threadline's settings and enter the backend URL and your API token.";
    case "unauthorized":
      return "Your API token was refused. Create a new token and sign in again in Threadline's settings.";
    case "forbidden":
      return `Your role does not allow this. ${failure.message}`;
    default:
      return failure.message;
  }
}
