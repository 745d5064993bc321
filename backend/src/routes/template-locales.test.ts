import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { newId } from "../db/new-id";
import { templates } from "../db/schema";
import { addTestMember, createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

async function template(opts: { workspaceId?: string; ownerId?: string; visibility?: "shared" | "private" } = {}) {
  const id = newId("tp");
  await t.db.insert(templates).values({
    id,
    workspaceId: opts.workspaceId ?? t.a.workspaceId,
    ownerId: opts.ownerId ?? t.a.userId,
    name: "Fair follow-up",
    subject: "Nice to meet you",
    bodyHtml: "<p>Hello {{firstName}}</p>",
    visibility: opts.visibility ?? "shared",
    language: "en",
  });
  return id;
}
const zh = { subject: "很高兴认识您", bodyHtml: "<p>您好 {{firstName}}</p>" };

describe("template locales", () => {
  test("add, list, replace, delete a language version", async () => {
    const id = await template();
    const put = await t.call("PUT", `/api/v1/templates/${id}/locales/ZH`, { body: zh });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ language: "zh", subject: "很高兴认识您", isDefault: false });
    await t.call("PUT", `/api/v1/templates/${id}/locales/es`, { body: { subject: "Encantado", bodyHtml: "<p>Hola</p>" } });
    const again = await t.call("PUT", `/api/v1/templates/${id}/locales/zh`, { body: { ...zh, subject: "再次问候" } });
    expect(again.json.subject).toBe("再次问候");
    const list = await t.call("GET", `/api/v1/templates/${id}/locales`);
    expect(list.json.items.map((v: { language: string; isDefault: boolean }) => [v.language, v.isDefault])).toEqual([
      ["en", true],
      ["es", false],
      ["zh", false],
    ]);
    expect((await t.call("DELETE", `/api/v1/templates/${id}/locales/es`)).status).toBe(200);
    expect((await t.call("DELETE", `/api/v1/templates/${id}/locales/es`)).status).toBe(404);
    expect((await t.call("GET", `/api/v1/templates/${id}/locales`)).json.items).toHaveLength(2);
  });

  test.each([
    ["the default language", "en", zh, "default language"],
    ["a bad language code", "chinese", zh, "language"],
    ["a missing subject", "zh", { bodyHtml: "x" }, "subject"],
    ["an unknown field", "zh", { ...zh, footer: "x" }, "footer"],
  ])("400 for %s", async (_n, lang, body, phrase) => {
    const id = await template();
    const r = await t.call("PUT", `/api/v1/templates/${id}/locales/${lang}`, { body });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain(phrase);
  });

  test.each([
    ["contact language", { email: "li@bright.cn", language: "zh", country: "US" }, "zh", "contact"],
    ["country guess", { email: "li@bright.cn", country: "CN" }, "zh", "country"],
    ["fallback to default", { email: "yuki@x.jp", country: "JP" }, "en", "default"],
  ])("pick-locale by contact: %s", async (_n, contact, language, reason) => {
    const id = await template();
    await t.call("PUT", `/api/v1/templates/${id}/locales/zh`, { body: zh });
    const c = await t.call("POST", "/api/v1/contacts", { body: contact });
    const r = await t.call("GET", `/api/v1/templates/${id}/pick-locale?contactId=${c.json.id}`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ language, reason });
    expect(r.json.subject).toBe(language === "zh" ? zh.subject : "Nice to meet you");
  });

  test("pick-locale without a stored contact, by country", async () => {
    const id = await template();
    await t.call("PUT", `/api/v1/templates/${id}/locales/zh`, { body: zh });
    expect((await t.call("GET", `/api/v1/templates/${id}/pick-locale?country=tw`)).json.language).toBe("zh");
  });

  test("viewers read but do not write; private templates belong to their owner", async () => {
    const id = await template();
    const viewer = await addTestMember(t.db, t.a.workspaceId, "viewer");
    expect((await t.call("GET", `/api/v1/templates/${id}/locales`, { token: viewer.token })).status).toBe(200);
    expect((await t.call("PUT", `/api/v1/templates/${id}/locales/zh`, { token: viewer.token, body: zh })).status).toBe(403);
    const rep = await addTestMember(t.db, t.a.workspaceId, "rep");
    const mine = await template({ visibility: "private", ownerId: rep.userId });
    expect((await t.call("PUT", `/api/v1/templates/${mine}/locales/zh`, { token: rep.token, body: zh })).status).toBe(200);
    // The owner of the workspace does not see someone else's private template.
    expect((await t.call("PUT", `/api/v1/templates/${mine}/locales/es`, { body: zh })).status).toBe(404);
    expect((await t.call("GET", `/api/v1/templates/${mine}/locales`)).status).toBe(404);
  });

  test("workspace isolation: B cannot read or change A's versions", async () => {
    const id = await template();
    await t.call("PUT", `/api/v1/templates/${id}/locales/zh`, { body: zh });
    const asB = { token: t.b.token };
    expect((await t.call("GET", `/api/v1/templates/${id}/locales`, asB)).status).toBe(404);
    expect(
      (await t.call("PUT", `/api/v1/templates/${id}/locales/zh`, { ...asB, body: { ...zh, subject: "hacked" } })).status,
    ).toBe(404);
    expect((await t.call("DELETE", `/api/v1/templates/${id}/locales/zh`, asB)).status).toBe(404);
    expect((await t.call("GET", `/api/v1/templates/${id}/pick-locale?country=CN`, asB)).status).toBe(404);
    const c = await t.call("POST", "/api/v1/contacts", { body: { email: "x@y.cn" } });
    const bTpl = await template({ workspaceId: t.b.workspaceId, ownerId: t.b.userId });
    expect((await t.call("GET", `/api/v1/templates/${bTpl}/pick-locale?contactId=${c.json.id}`, asB)).status).toBe(404);
    expect((await t.call("GET", `/api/v1/templates/${id}/locales`)).json.items[1].subject).toBe(zh.subject);
  });
});
