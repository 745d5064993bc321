import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { createApp } from "../app";
import { addTestMember, createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

async function upload(
  body: string | Uint8Array,
  opts: { query?: string; token?: string; type?: string; app?: { request: TestApp["app"]["request"] } } = {},
) {
  const res = await (opts.app ?? t.app).request(`/api/v1/imports${opts.query ? `?${opts.query}` : ""}`, {
    method: "POST",
    headers: { authorization: `Bearer ${opts.token ?? t.a.token}`, "content-type": opts.type ?? "text/csv" },
    body,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

const count = async (table: string) => Number((await t.client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
const contactsOf = async (token = t.a.token) =>
  (await t.call("GET", "/api/v1/contacts?limit=200", { token })).json.items as Record<string, any>[];

const chineseFair = [
  "邮箱,姓名,公司,国家,电话,职位,备注",
  "li.wei@shenzhen-bright.cn,李伟,深圳光明,中国,+86 755 1234,采购经理,booth 12",
  "zhang@shenzhen-bright.cn,张芳,深圳光明,CN,,工程师,",
  "not-an-email,王军,,中国,,,",
  "hans@tools.de,Hans Meier,Tools GmbH,Germany,,Einkauf,",
  "x@y.com,Someone,,Atlantis,,,",
].join("\n");

describe("CSV import", () => {
  test("Chinese headers are mapped; tags and source go on the batch; invalid rows are reported", async () => {
    const r = await upload(chineseFair, {
      query: "tags=trade-show:canton-fair-2026,led&source=trade-show:canton-fair-2026",
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ status: "done", rowsRead: 5, created: 3, updated: 0, skipped: 0, invalid: 2 });
    expect(r.json.mapping).toMatchObject({
      邮箱: "email",
      姓名: "displayName",
      公司: "company",
      国家: "country",
      备注: "ignore",
    });
    const list = await contactsOf();
    const li = list.find((c) => c.email === "li.wei@shenzhen-bright.cn")!;
    expect(li).toMatchObject({
      displayName: "李伟",
      country: "CN",
      title: "采购经理",
      source: "trade-show:canton-fair-2026",
      tags: ["trade-show:canton-fair-2026", "led"],
    });
    expect(list.find((c) => c.email === "hans@tools.de")!.country).toBe("DE");
    const company = await t.client.execute("SELECT name FROM companies WHERE domain = 'shenzhen-bright.cn'");
    expect(company.rows.map((row) => row.name)).toEqual(["深圳光明"]);
    expect(await count("import_writes")).toBe(0);

    const report = await t.app.request(r.json.errorReportUrl, { headers: { authorization: `Bearer ${t.a.token}` } });
    expect(report.status).toBe(200);
    expect(report.headers.get("content-type")).toContain("text/csv");
    const csv = (await report.text()).replace(/^\uFEFF/, "");
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe("line,email,field,message");
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 3).join(","))).toEqual(["4,not-an-email,email", "6,x@y.com,country"]);
  });

  test.each([
    ["skip", { updated: 0, skipped: 2, created: 1 }, "Old title"],
    ["update", { updated: 2, skipped: 0, created: 1 }, "Buyer 2"],
  ])("dedupe by email, mode=%s (existing contact and a repeat inside the file)", async (mode, counts, title) => {
    await t.call("POST", "/api/v1/contacts", { body: { email: "known@acme.com", title: "Old title", tags: ["old"] } });
    const csv = "Email,Title\nKnown@Acme.com,Buyer\nnew@acme.com,New\nknown@acme.com,Buyer 2\n";
    const r = await upload(csv, { query: `mode=${mode}&tags=fair` });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject(counts);
    const known = (await contactsOf()).find((c) => c.email === "known@acme.com")!;
    expect(known.title).toBe(title);
    expect(known.tags).toEqual(mode === "update" ? ["old", "fair"] : ["old"]);
    expect(await count("contacts")).toBe(2);
  });

  test("BOM and semicolons (European Excel) are handled", async () => {
    const r = await upload("\uFEFFE-mail;First name;Last name\r\nanna@firma.de;Anna;Schulz\r\n");
    expect(r.status).toBe(201);
    expect(r.json.created).toBe(1);
    expect((await contactsOf())[0]).toMatchObject({ email: "anna@firma.de", firstName: "Anna", lastName: "Schulz" });
  });

  const gbk = new Uint8Array([
    ...new TextEncoder().encode("email,"),
    0xd0,
    0xd5,
    0xc3,
    0xfb, // 姓名 in GBK
    0x0a,
    ...new TextEncoder().encode("li@bright.cn,"),
    0xc0,
    0xee,
    0xce,
    0xb0, // 李伟
    0x0a,
  ]);

  test("a GBK file gets a clear error and writes nothing; encoding=gb18030 reads it", async () => {
    const bad = await upload(gbk);
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("bad_request");
    expect(bad.json.error.message).toContain("GBK/GB18030");
    expect(bad.json.error.details.import.status).toBe("failed");
    expect(await count("contacts")).toBe(0);
    const good = await upload(gbk, { query: "encoding=gb18030" });
    expect(good.status).toBe(201);
    expect((await contactsOf())[0]!.displayName).toBe("李伟");
  });

  test.each([
    ["empty", "", "empty"],
    ["only blank lines", "\n\n", "empty"],
    ["header only", "email,name\n", "no data rows"],
    ["no email column", "name,company\nAnna,Firma\n", "No email column"],
    ["wrong delimiter forced", "email;name\na@b.com;Anna\n", "delimiter"],
    ["unclosed quote", 'email,name\na@b.com,"Anna\n', "unclosed quote"],
    ["Excel workbook", "PK\u0003\u0004binary", "Excel"],
    ["mapping names a missing column", "email\na@b.com\n", "does not have"],
  ])("bad file: %s → 400 naming the problem, nothing written", async (name, body, phrase) => {
    const query =
      name === "wrong delimiter forced"
        ? "delimiter=,"
        : name.startsWith("mapping")
          ? `mapping=${encodeURIComponent('{"Mail":"email"}')}`
          : "";
    const r = await upload(body, { query });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("bad_request");
    expect(r.json.error.message).toContain(phrase);
    expect(await count("contacts")).toBe(0);
    expect(await count("import_writes")).toBe(0);
  });

  test("a file over the size limit is refused (413), streamed or declared", async () => {
    const small = createApp({
      db: t.db,
      config: { publicUrl: "http://x", corsOrigins: [], signingSecret: "s".repeat(32), encryptionKey: null, importMaxBytes: 200 },
    });
    const rows = ["email"];
    for (let i = 0; i < 50; i++) rows.push(`person${i}@acme.com`);
    const r = await upload(rows.join("\n"), { app: small });
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe("payload_too_large");
    expect(r.json.error.message).toContain("import limit");
    expect(await count("contacts")).toBe(0);
    const declared = await small.request("/api/v1/imports", {
      method: "POST",
      headers: { authorization: `Bearer ${t.a.token}`, "content-type": "text/csv", "content-length": String(1024 ** 3) },
      body: "email\n",
    });
    expect(declared.status).toBe(413);
  });

  test("a failure while writing rolls the whole batch back", async () => {
    await t.client.execute(
      "CREATE TRIGGER boom BEFORE INSERT ON contacts WHEN NEW.email = 'boom@acme.com' BEGIN SELECT RAISE(ABORT, 'boom'); END",
    );
    const rows = ["email"];
    for (let i = 0; i < 1500; i++) rows.push(`p${i}@acme.com`);
    rows.push("boom@acme.com");
    const r = await upload(rows.join("\n"));
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain("nothing was written");
    expect(await count("contacts")).toBe(0);
    expect(await count("companies")).toBe(0);
    expect(await count("timeline_events")).toBe(0);
    expect(await count("import_writes")).toBe(0);
    const status = await t.call("GET", `/api/v1/imports/${r.json.error.details.import.id}`);
    expect(status.json.status).toBe("failed");
  });

  test("multipart upload with a file field", async () => {
    const form = new FormData();
    form.append("file", new Blob(["Email,Company\nbuyer@ningbo.cn,Ningbo Marine\n"], { type: "text/csv" }), "fair.csv");
    const res = await t.app.request("/api/v1/imports?mode=update", {
      method: "POST",
      headers: { authorization: `Bearer ${t.a.token}` },
      body: form,
    });
    expect(res.status).toBe(201);
    const json = await res.json();
    expect(json).toMatchObject({ created: 1, fileName: "fair.csv" });
  });

  test("wait=false answers 202 and the import can be followed to the end", async () => {
    const rows = ["email"];
    for (let i = 0; i < 300; i++) rows.push(`p${i}@acme.com`);
    const r = await upload(rows.join("\n"), { query: "wait=false" });
    expect(r.status).toBe(202);
    let state = r.json;
    for (let i = 0; i < 200 && state.status !== "done" && state.status !== "failed"; i++) {
      await new Promise((res) => setTimeout(res, 10));
      state = (await t.call("GET", `/api/v1/imports/${r.json.id}`)).json;
    }
    expect(state).toMatchObject({ status: "done", created: 300, rowsRead: 300 });
    expect((await t.call("GET", "/api/v1/imports")).json.items.map((i: { id: string }) => i.id)).toContain(r.json.id);
  });

  test("contact_created rules apply to imported rows", async () => {
    await t.call("POST", "/api/v1/rules", {
      body: {
        name: "cn",
        trigger: "contact_created",
        conditions: [{ type: "country", countries: ["CN"] }],
        actions: [{ type: "add_tags", tags: ["china"] }],
      },
    });
    await upload("email,country\na@b.cn,China\nc@d.de,Germany\n");
    const tags = Object.fromEntries((await contactsOf()).map((c) => [c.email, c.tags]));
    expect(tags).toEqual({ "a@b.cn": ["china"], "c@d.de": [] });
  });

  test("optional enrolment into a sequence: enrols who may be enrolled, reports the rest by line", async () => {
    const seq = await t.call("POST", "/api/v1/sequences", {
      body: {
        name: "Fair follow-up",
        steps: [{ kind: "email", config: { subject: "Hi", bodyHtml: "<p>Nice to meet you</p>" } }],
      },
    });
    expect(seq.status).toBe(201);
    expect((await t.call("POST", "/api/v1/suppressions", { body: { kind: "address", value: "gone@acme.com" } })).status).toBe(
      201,
    );
    const r = await upload("email\na@acme.com\ngone@acme.com\nb@acme.com\n", { query: `sequenceId=${seq.json.id}` });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ created: 3, enrolled: 2 });
    const enrolled = await t.call("GET", `/api/v1/enrollments?sequenceId=${seq.json.id}`);
    expect(enrolled.json.items).toHaveLength(2);
    const report = await t.app.request(r.json.errorReportUrl, { headers: { authorization: `Bearer ${t.a.token}` } });
    const lines = (await report.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^3,gone@acme\.com,sequence,.*suppressed/)]);
  });

  test("an unknown sequence, or another workspace's, is a 404 before anything is read", async () => {
    const missing = await upload("email\na@b.com\n", { query: "sequenceId=sq_nothere" });
    expect(missing.status).toBe(404);
    const bSeq = await t.call("POST", "/api/v1/sequences", { token: t.b.token, body: { name: "B's" } });
    const cross = await upload("email\na@b.com\n", { query: `sequenceId=${bSeq.json.id}` });
    expect(cross.status).toBe(404);
    expect(await count("contacts")).toBe(0);
  });

  test("viewers cannot import; bad options are a 400", async () => {
    const viewer = await addTestMember(t.db, t.a.workspaceId, "viewer");
    expect((await upload("email\na@b.com\n", { token: viewer.token })).status).toBe(403);
    const bad = await upload("email\na@b.com\n", { query: "mode=merge" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain("mode");
    const badMap = await upload("email\na@b.com\n", { query: "mapping=notjson" });
    expect(badMap.status).toBe(400);
    expect(badMap.json.error.message).toContain("mapping");
    expect(await count("contacts")).toBe(0);
  });

  test("workspace isolation: B cannot see A's import or its error report; rows land in A only", async () => {
    const r = await upload(chineseFair);
    const asB = { token: t.b.token };
    expect((await t.call("GET", `/api/v1/imports/${r.json.id}`, asB)).status).toBe(404);
    expect((await t.call("GET", `/api/v1/imports/${r.json.id}/errors`, asB)).status).toBe(404);
    expect((await t.call("GET", "/api/v1/imports", asB)).json.items).toHaveLength(0);
    expect(await contactsOf(t.b.token)).toHaveLength(0);
    const rowsInB = await t.db.run(sql`SELECT 1 FROM contacts WHERE workspace_id = ${t.b.workspaceId}`);
    expect(rowsInB.rows).toHaveLength(0);
  });
});
