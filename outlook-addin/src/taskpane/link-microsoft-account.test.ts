import { describe, expect, test, vi } from "vitest";
import { ApiFailure } from "@threadline/shared/ui/sidebar-api";
import type { BackendSettings } from "./backend-settings";
import { linkMicrosoftAccount, NOT_LINKED_MESSAGE, signInErrorText } from "./link-microsoft-account";

const withToken: BackendSettings = { backendUrl: "https://tl.example", method: "token", token: "tl_secret" };

/** A backend stand-in: which credentials each call used, and whether the Microsoft account is linked yet. */
function backend(opts: { tokenValid?: boolean; linkError?: ApiFailure } = {}) {
  let linked = false;
  const calls: string[] = [];
  const apiFor = (s: BackendSettings) => ({
    async checkSignIn() {
      calls.push(`check:${s.method}`);
      if (s.method === "token" && opts.tokenValid === false)
        throw new ApiFailure("unauthorized", "The API token is unknown.", 401);
      if (s.method === "microsoft" && !linked) {
        throw new ApiFailure("unauthorized", "No active Threadline user is linked", 401, { reason: "entra_not_linked" });
      }
    },
    async linkMicrosoftAccount(accessToken: string) {
      calls.push(`link:${s.method}:${accessToken}`);
      if (opts.linkError) throw opts.linkError;
      linked = true;
    },
  });
  return { apiFor, calls };
}

describe("signInErrorText", () => {
  test("a Microsoft account that is not linked gets the way out: token once, then “Link Microsoft account”", () => {
    const err = new ApiFailure("unauthorized", "No active Threadline user is linked (oid …)", 401, {
      reason: "entra_not_linked",
    });
    expect(signInErrorText(err)).toBe(NOT_LINKED_MESSAGE);
    expect(NOT_LINKED_MESSAGE).toMatch(/API token/);
    expect(NOT_LINKED_MESSAGE).toMatch(/“Link Microsoft account”/);
  });

  test.each([
    [
      "another 401",
      new ApiFailure("unauthorized", "The Microsoft sign-in has expired; sign in again.", 401),
      "The Microsoft sign-in has expired; sign in again.",
    ],
    ["a plain error", new Error("Microsoft sign-in failed: popup blocked"), "Microsoft sign-in failed: popup blocked"],
    ["a thrown string", "boom", "boom"],
  ])("%s keeps its own message", (_name, err, text) => {
    expect(signInErrorText(err)).toBe(text);
  });
});

describe("linkMicrosoftAccount", () => {
  test("checks the token, links the Microsoft token with it, then signs in with Microsoft; keeps no API token", async () => {
    const b = backend();
    const microsoftToken = vi.fn(async () => "eyJ.entra.token");
    const saved = await linkMicrosoftAccount({ settings: withToken, apiFor: b.apiFor, microsoftToken });
    expect(saved).toEqual({ backendUrl: "https://tl.example", method: "microsoft", token: null });
    expect(b.calls).toEqual(["check:token", "link:token:eyJ.entra.token", "check:microsoft"]);
  });

  test("a refused API token stops before asking Microsoft", async () => {
    const b = backend({ tokenValid: false });
    const microsoftToken = vi.fn(async () => "eyJ.entra.token");
    await expect(linkMicrosoftAccount({ settings: withToken, apiFor: b.apiFor, microsoftToken })).rejects.toThrow(
      /API token is unknown/,
    );
    expect(microsoftToken).not.toHaveBeenCalled();
  });

  test("Microsoft sign-in failing links nothing and says so", async () => {
    const b = backend();
    const microsoftToken = vi.fn(async () => Promise.reject(new Error("user cancelled")));
    await expect(linkMicrosoftAccount({ settings: withToken, apiFor: b.apiFor, microsoftToken })).rejects.toThrow(
      "Microsoft sign-in did not complete, so nothing was linked: user cancelled",
    );
    expect(b.calls).toEqual(["check:token"]);
  });

  test("the backend's 409 (account linked to someone else) comes through as is", async () => {
    const conflict = new ApiFailure("invalid", "This Microsoft account is already linked to another Threadline user.", 409);
    const b = backend({ linkError: conflict });
    await expect(
      linkMicrosoftAccount({ settings: withToken, apiFor: b.apiFor, microsoftToken: async () => "eyJ.x" }),
    ).rejects.toBe(conflict);
  });

  test("without an API token there is nothing to prove the user with", async () => {
    const b = backend();
    await expect(
      linkMicrosoftAccount({ settings: { ...withToken, token: null }, apiFor: b.apiFor, microsoftToken: async () => "x" }),
    ).rejects.toThrow(/Enter your API token first/);
    expect(b.calls).toEqual([]);
  });
});
