// Microsoft sign-in that finds no linked Threadline user, and "Link Microsoft account": the rep proves who they are
// once with the API token, and the Microsoft account is linked to that user (POST /api/v1/me/entra).
import { ENTRA_NOT_LINKED } from "@threadline/shared/schemas/error-reasons";
import { ApiFailure } from "@threadline/shared/ui/sidebar-api";
import type { BackendSettings } from "./backend-settings";

export const NOT_LINKED_MESSAGE =
  "This Microsoft account is not linked to a Threadline user yet. Sign in once with the backend URL and your API token: enter them above and press “Link Microsoft account”. After that, “Sign in with Microsoft” is enough.";

/** What the sign-in form says when signing in failed: the unlinked Microsoft account gets the way out. */
export function signInErrorText(err: unknown): string {
  if (err instanceof ApiFailure && (err.details as { reason?: unknown } | undefined)?.reason === ENTRA_NOT_LINKED) {
    return NOT_LINKED_MESSAGE;
  }
  return err instanceof Error ? err.message : String(err);
}

export interface LinkingApi {
  checkSignIn(): Promise<void>;
  linkMicrosoftAccount(accessToken: string): Promise<void>;
}

/**
 * Checks the URL + API token, gets a Microsoft token from nested app authentication, links it to that user, and
 * checks that Microsoft sign-in now works. Returns the settings to keep: Microsoft sign-in (the API token is not kept).
 */
export async function linkMicrosoftAccount(input: {
  settings: BackendSettings;
  apiFor(settings: BackendSettings): LinkingApi;
  microsoftToken(): Promise<string>;
}): Promise<BackendSettings> {
  if (input.settings.method !== "token" || !input.settings.token) {
    throw new Error("Enter your API token first: it proves which Threadline user the Microsoft account belongs to.");
  }
  const withToken = input.apiFor(input.settings);
  await withToken.checkSignIn();
  let accessToken: string;
  try {
    accessToken = await input.microsoftToken();
  } catch (err) {
    throw new Error(`Microsoft sign-in did not complete, so nothing was linked: ${(err as Error)?.message ?? String(err)}`);
  }
  await withToken.linkMicrosoftAccount(accessToken);
  const microsoft: BackendSettings = { backendUrl: input.settings.backendUrl, method: "microsoft", token: null };
  await input.apiFor(microsoft).checkSignIn();
  return microsoft;
}
