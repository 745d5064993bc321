// Microsoft sign-in inside Outlook with nested app authentication (MSAL's nestable client): the host brokers the
// token, so no popup is needed in most cases. The token is scoped to the backend's API; the backend verifies it
// (backend/src/auth/entra.ts). Only offered when the build was configured with a client id and API scope.
import {
  createNestablePublicClientApplication,
  InteractionRequiredAuthError,
  type IPublicClientApplication,
} from "@azure/msal-browser";
import { OfficeError } from "./office-async";

export interface NestedAppAuthConfig {
  clientId: string;
  /** e.g. https://login.microsoftonline.com/<tenant-id>; default: organizations (any work account). */
  authority: string | null;
  /** The backend API's delegated scope, e.g. api://threadline.example.com/<client-id>/access_as_user. */
  apiScope: string;
}

type Requirements = Pick<typeof Office, "context">;

/** Whether this Outlook client brokers tokens for nested apps (NestedAppAuth 1.1). */
export function nestedAppAuthSupported(office: Requirements): boolean {
  return office.context.requirements?.isSetSupported("NestedAppAuth", "1.1") === true;
}

/** A function that returns a fresh access token for the backend (cached by MSAL, renewed silently). */
export async function createNestedAppTokenSource(config: NestedAppAuthConfig): Promise<() => Promise<string>> {
  const pca: IPublicClientApplication = await createNestablePublicClientApplication({
    auth: { clientId: config.clientId, authority: config.authority ?? "https://login.microsoftonline.com/organizations" },
  });
  const request = { scopes: [config.apiScope] };
  return async () => {
    try {
      const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
      const result = await pca.acquireTokenSilent(account ? { ...request, account } : request);
      return result.accessToken;
    } catch (err) {
      if (!(err instanceof InteractionRequiredAuthError)) {
        throw new OfficeError(`Microsoft sign-in failed: ${(err as Error).message}`, null);
      }
      try {
        const result = await pca.acquireTokenPopup(request);
        if (result.account) pca.setActiveAccount(result.account);
        return result.accessToken;
      } catch (popupErr) {
        throw new OfficeError(`Microsoft sign-in was not completed: ${(popupErr as Error).message}`, null);
      }
    }
  };
}
