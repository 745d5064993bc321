import { failureKindOf } from "@threadline/shared/ui";
import type { FailureData } from "~messaging/message-reply";

/** A failed backend call, thrown inside the service worker and sent to the page as FailureData. */
export class BackendFailure extends Error {
  constructor(readonly data: FailureData) {
    super(data.message);
  }
}

export function failureFromStatus(status: number, message: string | null): BackendFailure {
  return new BackendFailure({
    kind: failureKindOf(status),
    message: message ?? `The server answered ${status}.`,
    status,
  });
}
