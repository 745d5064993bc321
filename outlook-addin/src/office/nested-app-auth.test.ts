import { beforeEach, describe, expect, test, vi } from "vitest";

// MSAL's nestable client talks to the Outlook host; here it is replaced by a scripted fake.
const msal = vi.hoisted(() => ({
  silent: vi.fn(),
  popup: vi.fn(),
  config: null as unknown,
  accounts: [] as { username: string }[],
  active: null as { username: string } | null,
}));
vi.mock("@azure/msal-browser", () => {
  class InteractionRequiredAuthError extends Error {}
  return {
    InteractionRequiredAuthError,
    createNestablePublicClientApplication: async (config: unknown) => {
      msal.config = config;
      return {
        getActiveAccount: () => msal.active,
        getAllAccounts: () => msal.accounts,
        setActiveAccount: (a: { username: string }) => (msal.active = a),
        acquireTokenSilent: msal.silent,
        acquireTokenPopup: msal.popup,
      };
    },
  };
});

const { InteractionRequiredAuthError } = await import("@azure/msal-browser");
const { createNestedAppTokenSource, nestedAppAuthSupported } = await import("./nested-app-auth");

const config = {
  clientId: "11111111-2222-3333-4444-555555555555",
  authority: null,
  apiScope: "api://tl.example/x/access_as_user",
};

describe("nested app authentication", () => {
  beforeEach(() => {
    msal.silent.mockReset();
    msal.popup.mockReset();
    msal.accounts = [];
    msal.active = null;
  });

  test("silent first, for the backend's API scope, with the organizations authority by default", async () => {
    msal.silent.mockResolvedValue({ accessToken: "eyJ.silent.token" });
    const token = await createNestedAppTokenSource(config);
    expect(await token()).toBe("eyJ.silent.token");
    expect(msal.silent).toHaveBeenCalledWith({ scopes: [config.apiScope] });
    expect(msal.config).toMatchObject({
      auth: { clientId: config.clientId, authority: "https://login.microsoftonline.com/organizations" },
    });
    expect(msal.popup).not.toHaveBeenCalled();
  });

  test("interaction required → popup, and the account is remembered for the next silent call", async () => {
    msal.silent.mockRejectedValueOnce(new InteractionRequiredAuthError("consent_required", "consent needed"));
    msal.popup.mockResolvedValue({ accessToken: "eyJ.popup.token", account: { username: "li@contoso.example" } });
    const token = await createNestedAppTokenSource(config);
    expect(await token()).toBe("eyJ.popup.token");
    msal.silent.mockResolvedValue({ accessToken: "eyJ.again" });
    expect(await token()).toBe("eyJ.again");
    expect(msal.silent).toHaveBeenLastCalledWith({ scopes: [config.apiScope], account: { username: "li@contoso.example" } });
  });

  test("failures reject with a readable message", async () => {
    msal.silent.mockRejectedValue(new Error("network_error"));
    const token = await createNestedAppTokenSource(config);
    await expect(token()).rejects.toThrow("Microsoft sign-in failed: network_error");
    msal.silent.mockRejectedValue(new InteractionRequiredAuthError("login_required", "login needed"));
    msal.popup.mockRejectedValue(new Error("user_cancelled"));
    await expect(token()).rejects.toThrow("Microsoft sign-in was not completed: user_cancelled");
  });

  test("support is read from the NestedAppAuth requirement set", () => {
    const office = (supported: boolean) =>
      ({ context: { requirements: { isSetSupported: (n: string) => supported && n === "NestedAppAuth" } } }) as any;
    expect(nestedAppAuthSupported(office(true))).toBe(true);
    expect(nestedAppAuthSupported(office(false))).toBe(false);
  });
});
