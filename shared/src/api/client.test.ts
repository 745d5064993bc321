// The typed client against the real app (through app.request, no network). Lives in shared next to the client;
// the backend is imported only here, in the test.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createTestApp, type TestApp } from "../../../backend/src/testing/test-app";
import { createApiClient } from "./client";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const clientFor = (token: string) =>
  createApiClient({
    baseUrl: "http://127.0.0.1:8787/",
    token,
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => t.app.request(input, init)) as typeof fetch,
  });

describe("createApiClient", () => {
  test("typed calls: create a contact, add a note, read the card", async () => {
    const api = clientFor(t.a.token);
    const created = await api.contacts.$post({ json: { email: "li.wei@shenzhen-bright.cn", firstName: "Wei" } });
    expect(created.status).toBe(201);
    const contact = await created.json();
    expect(contact.email).toBe("li.wei@shenzhen-bright.cn");

    const note = await api.contacts[":id"].notes.$post({ param: { id: contact.id }, json: { body: "Met at the fair" } });
    expect(note.status).toBe(201);

    const res = await api.card.$get({ query: { email: "li.wei@shenzhen-bright.cn" } });
    expect(res.status).toBe(200);
    const card = await res.json();
    expect(card.contact?.firstName).toBe("Wei");
    expect(card.timeline.map((e) => e.type)).toEqual(["note", "contact_created"]);
    expect(card.company?.domain).toBe("shenzhen-bright.cn");

    const me = await (await api.me.$get()).json();
    expect(me.user.id).toBe(t.a.userId);
  });

  test("errors arrive in the one error shape; the token is sent on every call", async () => {
    const bad = await clientFor(t.a.token).contacts.$post({ json: { email: "not-an-email" } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as unknown as { error: { code: string } }).error.code).toBe("bad_request");
    const unauth = await clientFor("tl_wrong").me.$get();
    expect(unauth.status).toBe(401);
  });
});
