import { describe, expect, test } from "vitest";
import { providerConfig, type ProviderConfig } from "../mailboxes/provider-config";
import { configuredSocialProviders, socialSignInProviders } from "./social-sign-in-providers";

const base = providerConfig();
const withClients = (google: Partial<ProviderConfig["google"]>, microsoft: Partial<ProviderConfig["microsoft"]>) => ({
  google: { ...base.google, ...google },
  microsoft: { ...base.microsoft, ...microsoft },
});

// Sign-in with Google / Microsoft cannot be exercised here (their endpoints are on the internet): the configuration
// path is what is tested — which providers better-auth is given, with what.
describe("socialSignInProviders", () => {
  test.each([
    ["nothing configured", undefined, []],
    ["default endpoints, no clients", base, []],
    ["a Google id without its secret", withClients({ clientId: "g-id" }, {}), []],
    ["Google only", withClients({ clientId: "g-id", clientSecret: "g-secret" }, {}), ["google"]],
    ["Microsoft only", withClients({}, { clientId: "m-id", clientSecret: "m-secret" }), ["microsoft"]],
    [
      "both",
      withClients({ clientId: "g-id", clientSecret: "g-secret" }, { clientId: "m-id", clientSecret: "m-secret" }),
      ["google", "microsoft"],
    ],
  ] as const)("%s → %j", (_name, providers, expected) => {
    expect(configuredSocialProviders(providers as ProviderConfig | undefined)).toEqual(expected);
  });

  test("Microsoft gets the configured tenant and login authority, and no Graph photo fetch", () => {
    const p = socialSignInProviders(
      withClients(
        {},
        { clientId: "m-id", clientSecret: "m-secret", tenant: "contoso.onmicrosoft.com", loginUrl: "http://127.0.0.1:9/" },
      ),
    );
    expect(p.microsoft).toEqual({
      clientId: "m-id",
      clientSecret: "m-secret",
      tenantId: "contoso.onmicrosoft.com",
      authority: "http://127.0.0.1:9",
      disableProfilePhoto: true,
      prompt: "select_account",
    });
    expect(p.google).toBeUndefined();
  });
});
