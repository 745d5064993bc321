// Office.js reports through callbacks with an AsyncResult; this turns one call into a Promise that rejects with
// an Error a person can act on ("Outlook could not insert the template: …").
export type OfficeCallback<T> = (result: Office.AsyncResult<T>) => void;

export class OfficeError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
  ) {
    super(message);
    this.name = "OfficeError";
  }
}

/** The part of the Office namespace these wrappers need (injected, so tests pass office-addin-mock). */
export type OfficeLike = Pick<typeof Office, "AsyncResultStatus">;

/** `what` completes "Outlook could not …", e.g. "read the recipients". */
export function officeAsync<T>(office: OfficeLike, what: string, call: (callback: OfficeCallback<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      call((result) => {
        if (result && result.status === office.AsyncResultStatus.Succeeded) {
          resolve(result.value);
          return;
        }
        const error = result?.error;
        const detail = error?.message || error?.name || "no reason given";
        reject(
          new OfficeError(
            `Outlook could not ${what}: ${detail}${error?.code ? ` (code ${error.code})` : ""}.`,
            error?.code ?? null,
          ),
        );
      });
    } catch (err) {
      // Some hosts throw synchronously (an API missing on this client, a bad argument).
      reject(new OfficeError(`Outlook could not ${what}: ${(err as Error)?.message ?? String(err)}.`, null));
    }
  });
}
