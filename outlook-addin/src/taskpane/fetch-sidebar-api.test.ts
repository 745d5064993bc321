import { describe, expect, test } from "vitest";
import { createFetchSidebarApi } from "./fetch-sidebar-api";

type Call = { url: string; init: RequestInit };
function fakeFetch(respond: (url: string) => Response | Error) {
  const calls: Call[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const r = respond(url);
    if (r instanceof Error) throw r;
    return r;
  }) as unknown as typeof fetch;
  return { fn, calls };
}
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("createFetchSidebarApi", () => {
  test("sends the bearer token and caches cards in memory by lower-cased email", async () => {
    const card = { email: "li.wei@shenzhen-bright.cn", contact: null };
    const f = fakeFetch(() => json(200, card));
    const api = createFetchSidebarApi({ baseUrl: "https://pane.example/", getToken: async () => "tl_abc", fetch: f.fn });
    expect(await api.getCachedCard({ email: "Li.Wei@shenzhen-bright.cn" })).toBeNull();
    await api.fetchCard({ email: "Li.Wei@shenzhen-bright.cn", name: "Li Wei" });
    expect(f.calls[0]!.url).toBe("https://pane.example/api/v1/card?email=Li.Wei%40shenzhen-bright.cn&name=Li+Wei");
    expect((f.calls[0]!.init.headers as Record<string, string>).authorization).toBe("Bearer tl_abc");
    expect((await api.getCachedCard({ email: "li.wei@shenzhen-bright.cn" }))?.value).toEqual(card);
  });

  test.each([
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "not_found"],
    [400, "invalid"],
    [409, "invalid"],
    [429, "invalid"],
    [502, "offline"],
    [503, "offline"],
    [500, "http"],
  ])("HTTP %i becomes an ApiFailure of kind %s with the backend's message", async (status, kind) => {
    const f = fakeFetch(() => json(status, { error: { code: "x", message: `backend says ${status}` } }));
    const api = createFetchSidebarApi({ baseUrl: "https://b.example", getToken: async () => "t", fetch: f.fn });
    await expect(api.fetchTemplates()).rejects.toMatchObject({ kind, status, message: `backend says ${status}` });
  });

  test("a network error is 'offline'; no token is 'not_signed_in' without any request", async () => {
    const down = fakeFetch(() => new TypeError("fetch failed"));
    const api = createFetchSidebarApi({ baseUrl: "https://b.example", getToken: async () => "t", fetch: down.fn });
    await expect(api.listUsers()).rejects.toMatchObject({ kind: "offline", message: expect.stringMatching(/cannot be reached/) });
    const none = fakeFetch(() => json(200, []));
    const signedOut = createFetchSidebarApi({ baseUrl: "https://b.example", getToken: async () => null, fetch: none.fn });
    await expect(signedOut.listUsers()).rejects.toMatchObject({ kind: "not_signed_in" });
    expect(none.calls).toHaveLength(0);
  });

  test("lists accept { items } or a bare array", async () => {
    const f = fakeFetch((url) =>
      url.includes("users")
        ? json(200, { items: [{ id: "u1", name: "Ann", email: "ann@a.example", role: "rep" }] })
        : json(200, [{ id: "s1", name: "Follow-up", steps: [{}, {}], archived: false }]),
    );
    const api = createFetchSidebarApi({ baseUrl: "https://b.example", getToken: async () => "t", fetch: f.fn });
    expect(await api.listUsers()).toEqual([{ id: "u1", name: "Ann", email: "ann@a.example" }]);
    expect(await api.listSequences()).toEqual([{ id: "s1", name: "Follow-up", stepCount: 2, status: "active" }]);
  });
});

test("enroll sends the backend's shape and adds the open message's internetMessageId to an Outlook thread", async () => {
  const f = fakeFetch(() => json(201, { items: [{ id: "en_1" }] }));
  const api = createFetchSidebarApi({
    baseUrl: "https://b.example",
    getToken: async () => "t",
    fetch: f.fn,
    getInternetMessageId: () => "<m1@shenzhen-bright.cn>",
  });
  expect(
    await api.enroll({
      contactId: "ct_1",
      sequenceId: "sq_1",
      startAt: "next_window",
      thread: { conversationId: "AAQk-conv", providerMessageId: "AAMk-item", subject: "RE: LED" },
    }),
  ).toEqual({ id: "en_1" });
  expect(JSON.parse(String(f.calls[0]!.init.body))).toEqual({
    sequenceId: "sq_1",
    contactIds: ["ct_1"],
    thread: {
      conversationId: "AAQk-conv",
      providerMessageId: "AAMk-item",
      subject: "RE: LED",
      messageId: "<m1@shenzhen-bright.cn>",
    },
  });
  const none = createFetchSidebarApi({
    baseUrl: "https://b.example",
    getToken: async () => "t",
    fetch: fakeFetch(() => json(201, { items: [] })).fn,
  });
  await expect(none.enroll({ contactId: "c", sequenceId: "s" })).rejects.toMatchObject({ kind: "invalid" });
});

test("contacts created from the pane are labelled as coming from Outlook", async () => {
  const f = fakeFetch(() => json(201, { id: "ct_1" }));
  const api = createFetchSidebarApi({ baseUrl: "https://b.example", getToken: async () => "t", fetch: f.fn });
  await api.createContact({ email: "new@x.example", source: "gmail-sidebar" } as any);
  expect(JSON.parse(String(f.calls[0]!.init.body))).toEqual({ email: "new@x.example", source: "outlook-addin" });
});

test("sequenceAnalytics reads summary?groupBy=step, ab-tests and heatmap for one sequence and keeps its A/B steps", async () => {
  const range = { sequenceId: "sq_1", from: "2026-10-24T00:00:00.000Z", to: "2026-11-23T00:00:00.000Z" };
  const row = { key: "st_1", label: "Step 1", sent: 10, delivered: 9, openedHuman: 4, clickedHuman: 1, replied: 2 };
  const variant = (v: string) => ({ variant: v, delivered: 5, replied: 1, replyRate: 0.2 });
  const f = fakeFetch((url) => {
    const path = new URL(url).pathname;
    if (path.endsWith("/summary")) return json(200, { rows: [row] });
    if (path.endsWith("/ab-tests"))
      return json(200, {
        steps: [
          { sequenceId: "sq_1", stepId: "st_1", label: "Step 1", variants: [variant("A"), variant("B")] },
          { sequenceId: "sq_1", stepId: "st_2", label: "Step 2", variants: [variant("A")] },
          { sequenceId: "sq_2", stepId: "st_9", label: "Other", variants: [variant("A"), variant("B")] },
        ],
      });
    return json(200, { weekdays: ["Mon"], replies: [[0, 2]], humanOpens: [[1, 1]] });
  });
  const api = createFetchSidebarApi({ baseUrl: "https://b.example", getToken: async () => "t", fetch: f.fn });
  const data = await api.sequenceAnalytics(range);
  const urls = f.calls.map((c) => new URL(c.url));
  expect(urls.map((u) => u.pathname).sort()).toEqual([
    "/api/v1/analytics/ab-tests",
    "/api/v1/analytics/heatmap",
    "/api/v1/analytics/summary",
  ]);
  for (const u of urls) expect(Object.fromEntries(u.searchParams)).toMatchObject(range);
  expect(urls.find((u) => u.pathname.endsWith("/summary"))!.searchParams.get("groupBy")).toBe("step");
  expect(data.steps).toEqual([row]);
  expect(data.variants.map((s) => s.stepId)).toEqual(["st_1"]);
  expect(data.heatmap).toEqual({ weekdays: ["Mon"], replies: [[0, 2]] });
});

test("createTrackedMessage and linkMicrosoftAccount post to their routes; the not-linked 401 keeps its details", async () => {
  const f = fakeFetch((url) =>
    url.endsWith("/tracked-messages")
      ? json(201, { id: "tm_1", html: "<img data-threadline-pixel>" })
      : json(401, { error: { code: "unauthorized", message: "not linked", details: { reason: "entra_not_linked" } } }),
  );
  const api = createFetchSidebarApi({ baseUrl: "https://b.example", getToken: async () => "tl_t", fetch: f.fn });
  const input = { email: "li.wei@shenzhen-bright.cn", templateId: "tp_1", host: "outlook" as const, threadId: "conv-1" };
  expect(await api.createTrackedMessage(input)).toMatchObject({ id: "tm_1" });
  expect([f.calls[0]!.url, f.calls[0]!.init.method, JSON.parse(String(f.calls[0]!.init.body))]).toEqual([
    "https://b.example/api/v1/tracked-messages",
    "POST",
    input,
  ]);
  await expect(api.linkMicrosoftAccount("eyJ.entra")).rejects.toMatchObject({
    kind: "unauthorized",
    details: { reason: "entra_not_linked" },
  });
  expect([f.calls[1]!.url, JSON.parse(String(f.calls[1]!.init.body))]).toEqual([
    "https://b.example/api/v1/me/entra",
    { accessToken: "eyJ.entra" },
  ]);
});
