// The OAuth callback sends the browser back into the console (/mailboxes?connected=<id> or ?error=<words>), a
// fixed path on our own origin whatever the query says. Google and Microsoft are the local fakes on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startFakeGmail } from "../testing/fake-gmail-server";
import { startFakeGraph } from "../testing/fake-graph-server";
import { createTestApp, type TestApp } from "../testing/test-app";
import { providerConfig } from "../mailboxes/provider-config";

let t: TestApp;
let gmail: Awaited<ReturnType<typeof startFakeGmail>>;
let graph: Awaited<ReturnType<typeof startFakeGraph>>;
beforeEach(async () => {
  gmail = await startFakeGmail({ email: "Rep@Gmail.example" });
  graph = await startFakeGraph();
  const providers = { ...providerConfig(), google: gmail.providers.google, microsoft: graph.providers.microsoft };
  t = await createTestApp({ config: { providers } });
});
afterEach(async () => {
  t.close();
  await gmail.close();
  await graph.close();
});

async function startState(provider: "google" | "microsoft") {
  const r = await t.call("POST", `/api/v1/mailboxes/oauth/${provider}/start`, { token: t.aRep.token });
  expect(r.status).toBe(200);
  return new URL(r.json.url).searchParams.get("state")!;
}
const callback = (provider: string, query: string) => t.app.request(`/oauth/${provider}/callback?${query}`);
const outcome = (res: Response): { status: number; origin: string; path: string; connected?: string; error?: string } => {
  const location = res.headers.get("location") ?? "";
  const url = new URL(location, "http://own.origin");
  return { status: res.status, origin: url.origin, path: url.pathname, ...Object.fromEntries(url.searchParams) };
};

describe.each([
  ["google", "rep@gmail.example", "gmail"],
  ["microsoft", "rep@contoso.example", "microsoft"],
] as const)("%s consent", (provider, email, kind) => {
  test("redirects to /mailboxes?connected=<id>; the mailbox is the rep's and listed", async () => {
    const state = await startState(provider);
    const res = await callback(provider, `code=abc&state=${encodeURIComponent(state)}`);
    const o = outcome(res);
    expect(o).toMatchObject({ status: 302, origin: "http://own.origin", path: "/mailboxes" });
    const list = await t.call("GET", "/api/v1/mailboxes", { token: t.aRep.token });
    expect(list.json.items).toEqual([
      expect.objectContaining({ id: o.connected, kind, email, userId: t.aRep.userId, lastSyncAt: null, lastError: null }),
    ]);
  });

  test.each([
    ["a forged state", (s: string) => `code=abc&state=${encodeURIComponent(s.slice(0, -3) + "aaa")}`, "invalid or expired"],
    ["no state", () => "code=abc", "invalid or expired"],
    ["the user said no", (s: string) => `error=access_denied&state=${encodeURIComponent(s)}`, "access was not granted"],
    [
      "a provider error",
      (s: string) => `error=invalid_scope&error_description=Bad%20scope&state=${encodeURIComponent(s)}`,
      "answered: invalid_scope (Bad scope)",
    ],
  ])("%s: redirects to /mailboxes?error=<words>, nothing stored", async (_n, query, words) => {
    const state = await startState(provider);
    const o = outcome(await callback(provider, query(state)));
    expect(o).toMatchObject({ status: 302, origin: "http://own.origin", path: "/mailboxes" });
    expect(o.error).toContain(words);
    expect(o.error).toMatch(provider === "google" ? /^Google/ : /^Microsoft 365/);
    expect((await t.call("GET", "/api/v1/mailboxes", { token: t.aRep.token })).json.items).toEqual([]);
  });

  test("never an open redirect: return-to parameters are ignored", async () => {
    const state = await startState(provider);
    for (const extra of ["redirect_uri=https://evil.example/", "next=//evil.example", "returnTo=https:%2F%2Fevil.example"]) {
      const res = await callback(provider, `code=abc&state=${encodeURIComponent(state)}&${extra}`);
      expect(res.headers.get("location")).toMatch(/^\/mailboxes\?(connected|error)=/);
    }
  });
});

test("a provider failure after consent comes back as words (the token endpoint is down)", async () => {
  const state = await startState("google");
  await gmail.close();
  const o = outcome(await callback("google", `code=abc&state=${encodeURIComponent(state)}`));
  expect(o).toMatchObject({ status: 302, path: "/mailboxes" });
  expect(o.error).toMatch(/^Google: /);
});
