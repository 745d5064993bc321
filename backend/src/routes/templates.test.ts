import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const quote = {
  name: "Quotation",
  subject: "Quotation for {{company.name | your company}}",
  bodyHtml: "<p>Dear {{first_name | Sir or Madam}},</p>",
  folder: "Sales",
  tags: ["quote"],
};

describe("templates", () => {
  test("create → get → update bumps version → list → delete", async () => {
    const created = await t.call("POST", "/api/v1/templates", { body: quote });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ ...quote, visibility: "shared", version: 1, ownerId: t.a.userId, language: "en" });
    const id = created.json.id;
    expect((await t.call("GET", `/api/v1/templates/${id}`)).json).toEqual(created.json);

    const upd = await t.call("PATCH", `/api/v1/templates/${id}`, { body: { subject: "New subject" } });
    expect(upd.status).toBe(200);
    expect(upd.json).toMatchObject({ subject: "New subject", name: "Quotation", visibility: "shared", version: 2 });
    expect(Date.parse(upd.json.updatedAt)).toBeGreaterThan(Date.parse(created.json.updatedAt));
    const upd2 = await t.call("PATCH", `/api/v1/templates/${id}`, { token: t.aRep.token, body: { name: "Q2" } });
    expect(upd2.json.version).toBe(3);

    expect((await t.call("GET", "/api/v1/templates?folder=Sales")).json.items).toHaveLength(1);
    expect((await t.call("GET", "/api/v1/templates?tag=quote")).json.items).toHaveLength(1);
    expect((await t.call("GET", "/api/v1/templates?q=q2")).json.items).toHaveLength(1);
    expect((await t.call("GET", "/api/v1/templates?q=nothing")).json.items).toHaveLength(0);

    expect((await t.call("DELETE", `/api/v1/templates/${id}`)).json).toEqual({ deleted: true });
    expect((await t.call("GET", `/api/v1/templates/${id}`)).status).toBe(404);
  });

  test("a private template exists only for its owner", async () => {
    const mine = await t.call("POST", "/api/v1/templates", { token: t.aRep.token, body: { ...quote, visibility: "private" } });
    const id = mine.json.id;
    expect((await t.call("GET", `/api/v1/templates/${id}`, { token: t.aRep.token })).status).toBe(200);
    for (const token of [t.a.token, t.aViewer.token]) {
      expect((await t.call("GET", `/api/v1/templates/${id}`, { token })).status).toBe(404);
      expect((await t.call("GET", "/api/v1/templates", { token })).json.items).toHaveLength(0);
    }
    expect((await t.call("PATCH", `/api/v1/templates/${id}`, { body: { name: "stolen" } })).status).toBe(404);
    expect((await t.call("DELETE", `/api/v1/templates/${id}`)).status).toBe(404);
    // A partial update leaves visibility alone (no default sneaking back in).
    const upd = await t.call("PATCH", `/api/v1/templates/${id}`, { token: t.aRep.token, body: { name: "Mine" } });
    expect(upd.json).toMatchObject({ visibility: "private", version: 2 });
  });

  test("only the owner or an admin changes visibility or deletes; viewers never write", async () => {
    const shared = await t.call("POST", "/api/v1/templates", { body: quote });
    const id = shared.json.id;
    expect(
      (await t.call("PATCH", `/api/v1/templates/${id}`, { token: t.aRep.token, body: { visibility: "private" } })).status,
    ).toBe(403);
    expect((await t.call("DELETE", `/api/v1/templates/${id}`, { token: t.aRep.token })).status).toBe(403);
    expect((await t.call("POST", "/api/v1/templates", { token: t.aViewer.token, body: quote })).status).toBe(403);
    expect((await t.call("PATCH", `/api/v1/templates/${id}`, { token: t.aViewer.token, body: { name: "v" } })).status).toBe(403);
    expect((await t.call("GET", `/api/v1/templates/${id}`)).json.version).toBe(1);
  });

  test.each([
    ["missing name", { subject: "s", bodyHtml: "b" }, "name"],
    ["empty name", { ...quote, name: " " }, "name"],
    ["bad visibility", { ...quote, visibility: "public" }, "visibility"],
    ["oversized body", { ...quote, bodyHtml: "x".repeat(200_001) }, "bodyHtml"],
    ["wrong type", { ...quote, tags: "quote" }, "tags"],
    ["unknown field", { ...quote, html: "x" }, "html"],
    ["bad language", { ...quote, language: "english" }, "language"],
  ])("400 on %s", async (_n, body, field) => {
    const r = await t.call("POST", "/api/v1/templates", { body });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain(field);
    expect((await t.call("GET", "/api/v1/templates")).json.items).toHaveLength(0);
  });
});

describe("POST /api/v1/templates/:id/render", () => {
  const tpl = {
    name: "Follow-up",
    subject: "Quotation for {{company.name | your company}}",
    bodyHtml: "<p>Dear {{first_name}},</p><p>{{note | }}</p><p>{{sender.name}}</p>",
  };

  test("for a contact by id or email, for an unknown address, for ad-hoc variables", async () => {
    const id = (await t.call("POST", "/api/v1/templates", { body: tpl })).json.id;
    const li = await t.call("POST", "/api/v1/contacts", {
      body: { email: "li.wei@shenzhen-bright.cn", firstName: "Wei <b>", lastName: "Li" },
    });
    const byId = await t.call("POST", `/api/v1/templates/${id}/render`, { body: { contactId: li.json.id } });
    expect(byId.status).toBe(200);
    expect(byId.json).toEqual({
      subject: "Quotation for Shenzhen Bright",
      subjectHtml: "Quotation for Shenzhen Bright",
      html: "<p>Dear Wei &lt;b&gt;,</p><p></p><p>Owner A</p>",
      missing: [],
    });
    const byEmail = await t.call("POST", `/api/v1/templates/${id}/render`, { body: { email: "LI.WEI@shenzhen-bright.cn" } });
    expect(byEmail.json).toEqual(byId.json);

    const unknown = await t.call("POST", `/api/v1/templates/${id}/render`, { body: { email: "new@gmail.com" } });
    expect(unknown.json.subject).toBe("Quotation for your company");
    expect(unknown.json.missing).toEqual(["first_name"]);

    const adhoc = await t.call("POST", `/api/v1/templates/${id}/render`, {
      token: t.aViewer.token,
      body: { contactId: li.json.id, variables: { first_name: "Mr. Li", note: "Samples ship Monday" } },
    });
    expect(adhoc.json.html).toBe("<p>Dear Mr. Li,</p><p>Samples ship Monday</p><p>viewer user</p>");
  });

  test("errors: empty request, unknown contact, other workspace's contact, unknown template", async () => {
    const id = (await t.call("POST", "/api/v1/templates", { body: tpl })).json.id;
    const empty = await t.call("POST", `/api/v1/templates/${id}/render`, { body: {} });
    expect(empty.status).toBe(400);
    expect(empty.json.error.message).toContain("contactId");
    expect((await t.call("POST", `/api/v1/templates/${id}/render`, { body: { contactId: "ct_nope" } })).status).toBe(404);
    const bContact = await t.call("POST", "/api/v1/contacts", { token: t.b.token, body: { email: "x@acme.com" } });
    expect((await t.call("POST", `/api/v1/templates/${id}/render`, { body: { contactId: bContact.json.id } })).status).toBe(404);
    expect((await t.call("POST", "/api/v1/templates/tp_nope/render", { body: { email: "a@b.com" } })).status).toBe(404);
    const bad = await t.call("POST", `/api/v1/templates/${id}/render`, { body: { email: "nope" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain("email");
  });
});

describe("POST /api/v1/templates/render (the editor's unsaved draft)", () => {
  test("renders the draft for a contact or nobody, names what is missing, sanitises, stores nothing", async () => {
    const li = await t.call("POST", "/api/v1/contacts", { body: { email: "li.wei@shenzhen-bright.cn", lastName: "Li" } });
    const draft = {
      subject: "Hi {{first_name | there}}",
      bodyHtml: '<p>Dear {{first_name}} at {{company.name}}</p><img src=x onerror="alert(1)"><script>x()</script>',
    };
    const r = await t.call("POST", "/api/v1/templates/render", {
      token: t.aViewer.token,
      body: { ...draft, contactId: li.json.id },
    });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      subject: "Hi there",
      subjectHtml: "Hi there",
      html: '<p>Dear  at Shenzhen Bright</p><img src="x">',
      missing: ["first_name"],
    });
    const nobody = await t.call("POST", "/api/v1/templates/render", { body: draft });
    expect(nobody.json.missing).toEqual(["first_name", "company.name"]);
    expect((await t.call("GET", "/api/v1/templates")).json.items).toEqual([]);
  });

  test("errors: unknown or other workspace's contact → 404; bad fields named", async () => {
    const body = { subject: "s", bodyHtml: "<p>b</p>" };
    expect((await t.call("POST", "/api/v1/templates/render", { body: { ...body, contactId: "ct_nope" } })).status).toBe(404);
    const bContact = await t.call("POST", "/api/v1/contacts", { token: t.b.token, body: { email: "x@acme.com" } });
    const cross = await t.call("POST", "/api/v1/templates/render", { body: { ...body, contactId: bContact.json.id } });
    expect(cross.status).toBe(404);
    const noBody = await t.call("POST", "/api/v1/templates/render", { body: { subject: "s" } });
    expect([noBody.status, noBody.json.error.message]).toEqual([400, expect.stringContaining("bodyHtml")]);
    const big = await t.call("POST", "/api/v1/templates/render", { body: { subject: "s", bodyHtml: "x".repeat(200_001) } });
    expect([big.status, big.json.error.message]).toEqual([400, expect.stringContaining("200 KB")]);
  });
});

// Issue 20: stored HTML reached a compose box or a sent mail with only the client's DOMPurify in between.
describe("template HTML is sanitised on the server", () => {
  const evil =
    '<p>Hi {{first_name}}</p><script>alert(1)</script><img src="https://x.test/i.png" onerror="alert(1)">' +
    '<a href="javascript:alert(1)">x</a><iframe src="https://x.test"></iframe><form><input></form>' +
    '<meta http-equiv="refresh" content="0;url=https://evil.test">';
  const clean = '<p>Hi {{first_name}}</p><img src="https://x.test/i.png"><a>x</a>';

  test("on save: create, update, translations and sequence email steps (body and variants)", async () => {
    const created = await t.call("POST", "/api/v1/templates", { body: { name: "E", subject: "S", bodyHtml: evil } });
    expect(created.json.bodyHtml).toBe(clean);
    const id = created.json.id;
    expect((await t.call("PATCH", `/api/v1/templates/${id}`, { body: { bodyHtml: `${evil}!` } })).json.bodyHtml).toBe(
      `${clean}!`,
    );
    const locale = await t.call("PUT", `/api/v1/templates/${id}/locales/zh`, { body: { subject: "主题", bodyHtml: evil } });
    expect(locale.status).toBe(200);
    const stored = await t.client.execute({ sql: "SELECT body_html FROM template_locales WHERE template_id = ?", args: [id] });
    expect(stored.rows[0]!.body_html).toBe(clean);

    const seq = await t.call("POST", "/api/v1/sequences", {
      body: {
        name: "S",
        steps: [
          { kind: "email", config: { subject: "a", bodyHtml: evil } },
          {
            kind: "email",
            config: {
              variants: [
                { id: "A", subject: "b", bodyHtml: evil },
                { id: "B", subject: "c", bodyHtml: "<b>ok</b>" },
              ],
            },
          },
        ],
      },
    });
    expect([seq.status, seq.json.error?.message]).toEqual([201, undefined]);
    expect(seq.json.steps[0].config.bodyHtml).toBe(clean);
    expect(seq.json.steps[1].config.variants.map((v: any) => v.bodyHtml)).toEqual([clean, "<b>ok</b>"]);
    const added = await t.call("POST", `/api/v1/sequences/${seq.json.id}/steps`, {
      body: { step: { kind: "email", config: { subject: "d", bodyHtml: evil } } },
    });
    expect(added.json.steps[2].config.bodyHtml).toBe(clean);
    const put = await t.call("PUT", `/api/v1/sequences/${seq.json.id}/steps/${added.json.steps[2].id}`, {
      body: { kind: "email", config: { subject: "e", bodyHtml: `${evil}?` } },
    });
    expect(put.json.steps[2].config.bodyHtml).toBe(`${clean}?`);
  });

  test("on render: HTML stored before (written past the API) comes out clean; subjectHtml escapes the subject's variables", async () => {
    const id = (await t.call("POST", "/api/v1/templates", { body: { name: "R", subject: "Hi {{first_name}}", bodyHtml: "x" } }))
      .json.id;
    await t.client.execute({ sql: "UPDATE templates SET body_html = ? WHERE id = ?", args: [evil, id] });
    const r = await t.call("POST", `/api/v1/templates/${id}/render`, {
      body: { variables: { first_name: '<img src=x onerror="alert(1)">' } },
    });
    expect(r.status).toBe(200);
    expect(r.json.html).toBe('<p>Hi &lt;img src=x onerror="alert(1)"&gt;</p><img src="https://x.test/i.png"><a>x</a>');
    expect(r.json.subjectHtml).toBe("Hi &lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    // The plain-text subject stays text: it goes into a subject field or the Subject header, never into HTML.
    expect(r.json.subject).toBe('Hi <img src=x onerror="alert(1)">');
  });
});
