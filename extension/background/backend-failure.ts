import type { FailureData } from "~messaging/message-reply";

/** A failed backend call, thrown inside the service worker and sent to the page as FailureData. */
export class BackendFailure extends Error {
  constructor(readonly data: FailureData) {
    super(data.message);
  }
}

const KIND_BY_STATUS: Record<number, FailureData["kind"]> = {
  400: "invalid",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "invalid",
  422: "invalid",
};

export function failureFromStatus(status: number, message: string | null): BackendFailure {
  return new BackendFailure({
    kind: KIND_BY_STATUS[status] ?? "http",
    message: message ?? `The server answered ${status}.`,
    status,
  });
}
