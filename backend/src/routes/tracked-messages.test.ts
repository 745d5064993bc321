// POST /api/v1/tracked-messages through app.request, and the pixel it returns fetched through the real public route:
// the open is labelled by the same rules, lands in tracking_events and on the contact's timeline and card, counts for
// the template (never for a sequence), and the hand-off rules skip it.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createIpRangeSet } from "@threadline/shared/domain/create-ip-range-set";
import { createApp } from "../app";
import { contacts, suppressions, tasks, trackedMessages, trackingEvents } from "../db/schema";
import { newId } from "../db/new-id";
import { applyTrackingForHandoff } from "../inbound/apply-tracking-for-handoff";
import { addressHash } from "../security/address-hash";
import { seedSends } from "../testing/seed-sends";
import { createTestApp, type TestApp } from "../testing/test-app";
import { TrackingBatchWriter } from "../tracking/tracking-batch-writer";
import { TrackingRecorder, type RecordedTrackingEvent } from "../tracking/tracking-recorder";

const secret = "test-signing-secret-0123456789abcdef";
const outlook = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Microsoft Outlook 16.0.17928; Pro";
const gmailProxy = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";

let t: TestApp;
let recorder: TrackingRecorder;
let app: ReturnType<typeof createApp>;
let template: string;
let recorded: RecordedTrackingEvent[];

beforeEach(async () => {
  t = await createTestApp();
  recorder = new TrackingRecorder({
    sink: new TrackingBatchWriter({ client: t.client, appleRanges: createIpRangeSet([]), ipSecret: secret }),
    // Tests flush explicitly.
    flushMs: 60_000,
  });
  recorded = [];
  // Wired like server.ts: the hand-off rules read every counted event.
  recorder.onRecorded(async (events) => {
    recorded.push(...events);
    await applyTrackingForHandoff(t.db, events);
  });
  app = createApp({
    db: t.db,
    config: { publicUrl: "http://127.0.0.1:8787", corsOrigins: [], signingSecret: secret, encryptionKey: null },
    tracking: { recorder, trustProxy: true },
  });
  template = (await t.call("POST", "/api/v1/templates", { body: { name: "Quote", subject: "Quote", bodyHtml: "<p>Hi</p>" } }))
    .json.id;
});
afterEach(() => t.close());

const create = (body: unknown, token?: string) => t.call("POST", "/api/v1/tracked-messages", { body, token });
const count = async (table: typeof trackedMessages | typeof contacts) => (await t.db.select().from(table)).length;
/** Fetches a pixel URL through the public route as a mail client would, then commits the batch. */
async function open(pixelUrl: string, userAgent = outlook, ip = "203.0.113.7") {
  const res = await app.request(new URL(pixelUrl).pathname, { headers: { "user-agent": userAgent, "x-forwarded-for": ip } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("image/gif");
  await recorder.flush();
}

describe("POST /api/v1/tracked-messages", () => {
  test.each([
    ["a malformed address", { email: "not an address", host: "outlook" }, "email"],
    ["an unknown host", { email: "a@b.example", host: "thunderbird" }, "host"],
    ["no host", { email: "a@b.example" }, "host"],
    ["a malformed template id", { email: "a@b.example", host: "outlook", templateId: "DROP TABLE" }, "templateId"],
    ["an empty thread id", { email: "a@b.example", host: "outlook", threadId: "" }, "threadId"],
  ])("400 naming the field for %s; nothing written", async (_name, body, field) => {
    const before = await count(contacts);
    const r = await create(body);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("bad_request");
    expect(r.json.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    expect(await count(trackedMessages)).toBe(0);
    expect(await count(contacts)).toBe(before);
  });

  test("a viewer gets 403 and nothing is written", async () => {
    const r = await create({ email: "new.person@acme-tools.example", host: "outlook", templateId: template }, t.aViewer.token);
    expect([r.status, r.json.error.code]).toEqual([403, "forbidden"]);
    expect(await count(trackedMessages)).toBe(0);
    expect(await count(contacts)).toBe(0);
  });

  test("another workspace's template, or a teammate's private one, is a 404 and no contact is created", async () => {
    const theirs = (
      await t.call("POST", "/api/v1/templates", { token: t.b.token, body: { name: "B", subject: "B", bodyHtml: "b" } })
    ).json.id;
    const r = await create({ email: "new.person@acme-tools.example", host: "outlook", templateId: theirs });
    expect([r.status, r.json.error.code]).toEqual([404, "not_found"]);
    expect(r.json.error.message).toContain(theirs);

    const privateOne = (
      await t.call("POST", "/api/v1/templates", {
        token: t.aRep.token,
        body: { name: "Mine", subject: "M", bodyHtml: "m", visibility: "private" },
      })
    ).json.id;
    expect((await create({ email: "new.person@acme-tools.example", host: "outlook", templateId: privateOne })).status).toBe(404);
    expect(await count(trackedMessages)).toBe(0);
    expect(await count(contacts)).toBe(0);
  });

  test("a new recipient becomes a contact like the card's one-click create; the pixel is one 1×1 <img> without inline CSS", async () => {
    const r = await create({
      email: "Hans.Mueller@Example-Tools.de",
      name: "Hans Müller",
      host: "outlook",
      templateId: template,
      subject: "Quote 42",
      threadId: "AAQkAD-conv-1",
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      contactCreated: true,
      templateId: template,
      host: "outlook",
      threadId: "AAQkAD-conv-1",
      subject: "Quote 42",
    });
    const id = r.json.id as string;
    expect(id).toMatch(/^tm_/);
    expect(r.json.pixelUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:8787/t/o/${id}\\.[\\w-]{22}\\.gif$`));
    expect(r.json.html).toBe(`<img src="${r.json.pixelUrl}" width="1" height="1" alt="" border="0" data-threadline-pixel="">`);

    const contact = (await t.call("GET", `/api/v1/contacts/${r.json.contactId}`)).json;
    expect(contact).toMatchObject({
      email: "hans.mueller@example-tools.de",
      displayName: "Hans Müller",
      firstName: "Hans",
      lastName: "Müller",
      source: "outlook-addin",
    });
    expect(contact.companyId).not.toBeNull();
    const row = (await t.db.select().from(trackedMessages))[0]!;
    expect(row).toMatchObject({
      id,
      workspaceId: t.a.workspaceId,
      userId: t.a.userId,
      contactId: contact.id,
      templateId: template,
    });

    // A known recipient is found, not created again; each composed message is its own record.
    const again = await create({ email: "hans.mueller@example-tools.de", host: "gmail" });
    expect(again.json).toMatchObject({ contactCreated: false, contactId: contact.id, templateId: null, threadId: null });
    expect(await count(contacts)).toBe(1);
    expect(await count(trackedMessages)).toBe(2);
  });

  test.each([
    [
      "an unsubscribed address",
      { kind: "address", value: "gone@acme.example", reason: "unsubscribe" },
      /suppression list \(unsubscribe\)/,
    ],
    ["a suppressed domain", { kind: "domain", value: "acme.example", reason: "manual" }, /domain acme\.example/],
    ["an erased person", { kind: "address_hash", value: addressHash("gone@acme.example"), reason: "erasure" }, /erased/],
  ] as const)("%s is refused with 409 and nothing is written", async (_name, suppression, message) => {
    await t.db.insert(suppressions).values({ id: newId("sp"), workspaceId: t.a.workspaceId, ...suppression });
    const r = await create({ email: "gone@acme.example", host: "outlook", templateId: template });
    expect([r.status, r.json.error.code]).toEqual([409, "conflict"]);
    expect(r.json.error.message).toMatch(message);
    expect(await count(contacts)).toBe(0);
    expect(await count(trackedMessages)).toBe(0);
  });

  test("a contact who withdrew consent is refused with 409", async () => {
    await t.call("POST", "/api/v1/contacts", { body: { email: "no@acme.example", consentStatus: "withdrawn" } });
    const r = await create({ email: "no@acme.example", host: "outlook" });
    expect(r.status).toBe(409);
    expect(r.json.error.message).toMatch(/withdrawn consent/);
    expect(await count(trackedMessages)).toBe(0);
  });
});

describe("opens of a tracked message", () => {
  test("land labelled in tracking_events and on the right contact's timeline and card; machine fetches and repeats are labelled too", async () => {
    const other = await create({ email: "someone.else@acme.example", host: "outlook" });
    const r = await create({ email: "li.wei@shenzhen-bright.cn", name: "Li Wei", host: "outlook", templateId: template });
    const contactId = r.json.contactId as string;

    await open(r.json.pixelUrl);
    await open(r.json.pixelUrl, gmailProxy, "66.249.84.1");
    await open(r.json.pixelUrl); // the same person again within the hour

    const events = await t.db.select().from(trackingEvents).orderBy(trackingEvents.occurredAt);
    expect(events.map((e) => [e.sendJobId, e.contactId, e.workspaceId, e.kind, e.label])).toEqual([
      [r.json.id, contactId, t.a.workspaceId, "open", "human"],
      [r.json.id, contactId, t.a.workspaceId, "open", "google_proxy"],
      [r.json.id, contactId, t.a.workspaceId, "open", "duplicate"],
    ]);
    // Nothing reached the other recipient's contact (the timeline reads opens from tracking_events).
    const otherCard = (await t.call("GET", "/api/v1/card?email=someone.else%40acme.example")).json;
    expect(otherCard.contact.id).toBe(other.json.contactId);
    expect(otherCard.timeline.map((e: { type: string }) => e.type)).toEqual(["contact_created"]);

    const card = (await t.call("GET", "/api/v1/card?email=li.wei%40shenzhen-bright.cn")).json;
    expect(card.contact.id).toBe(contactId);
    const opened = card.timeline.filter((e: { type: string }) => e.type === "open");
    expect(opened).toHaveLength(3);
    expect(opened.map((e: { payload: unknown }) => e.payload)).toContainEqual(
      expect.objectContaining({ sendJobId: r.json.id, sequenceId: null, stepId: null, label: "human", counted: true }),
    );
    expect(opened.map((e: { payload: { label: string } }) => e.payload.label).sort()).toEqual([
      "duplicate",
      "google_proxy",
      "human",
    ]);

    // The hand-off rules saw the counted open and skipped it: no enrollment, no task, no crash.
    expect(recorded.filter((e) => e.counted).map((e) => e.enrollmentId)).toEqual([null]);
    expect(await t.db.select().from(tasks)).toEqual([]);
  });

  test("count toward the template's analytics, never toward a sequence's", async () => {
    const seed = seedSends(t.db, t.a.workspaceId);
    const r = await create({ email: "buyer@acme.example", host: "outlook", templateId: template });
    const untracked = await create({ email: "buyer2@acme.example", host: "outlook", templateId: template });
    const noTemplate = await create({ email: "buyer3@acme.example", host: "outlook" });
    // The same contact is also in a sequence using the same template, with one sent step.
    const seq = await seed.sequence({ name: "Intro", steps: [{ templateId: template }] });
    const enrollmentId = await seed.enrollment({
      contactId: r.json.contactId,
      sequenceId: seq.id,
      createdAt: Date.now() - 7_200_000,
    });
    await seed.send({ enrollmentId, stepId: seq.stepIds[0]!, sentAt: Date.now() - 3_600_000 });

    await open(r.json.pixelUrl);
    await open(untracked.json.pixelUrl, gmailProxy, "66.249.84.1");
    await open(noTemplate.json.pixelUrl);

    const range = `from=${new Date(Date.now() - 86_400_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`;
    const byTemplate = (await t.call("GET", `/api/v1/analytics/summary?${range}&groupBy=template`)).json;
    expect(byTemplate.rows).toHaveLength(1);
    expect(byTemplate.rows[0]).toMatchObject({
      key: template,
      label: "Quote",
      sent: 1,
      openedHuman: 0,
      handInserted: { tracked: 2, openedHuman: 1, openedMachine: 1 },
    });
    expect(byTemplate.total.handInserted).toEqual({ tracked: 2, openedHuman: 1, openedMachine: 1 });
    expect(byTemplate.definitions.handInserted).toMatch(/never in a sequence/);

    for (const groupBy of ["sequence", "step", "owner"]) {
      const s = (await t.call("GET", `/api/v1/analytics/summary?${range}&groupBy=${groupBy}`)).json;
      expect(s.total).toMatchObject({ sent: 1, openedHuman: 0, openedMachine: 0 });
      expect(s.total.handInserted).toBeUndefined();
    }
    const oneSequence = (await t.call("GET", `/api/v1/analytics/summary?${range}&groupBy=template&sequenceId=${seq.id}`)).json;
    expect(oneSequence.rows[0].handInserted).toEqual({ tracked: 0, openedHuman: 0, openedMachine: 0 });
    const heatmap = (await t.call("GET", `/api/v1/analytics/heatmap?${range}`)).json;
    expect(heatmap.humanOpens.flat().reduce((a: number, b: number) => a + b, 0)).toBe(0);
  });

  test("deleting or erasing the contact removes its tracked messages; a later fetch of the pixel is dropped", async () => {
    const r = await create({ email: "buyer@acme.example", host: "outlook" });
    await open(r.json.pixelUrl);
    expect((await t.call("DELETE", `/api/v1/contacts/${r.json.contactId}`)).status).toBe(200);
    expect(await count(trackedMessages)).toBe(0);
    expect(await t.db.select().from(trackingEvents)).toEqual([]);
    await open(r.json.pixelUrl);
    expect(recorder.stats.dropped).toBe(1);

    const erased = await create({ email: "erase.me@acme.example", host: "outlook" });
    await open(erased.json.pixelUrl);
    const result = await t.call("POST", `/api/v1/contacts/${erased.json.contactId}/erase`);
    expect(result.json).toMatchObject({ trackedMessages: 1, trackingEvents: 1 });
    expect(await count(trackedMessages)).toBe(0);
    // And the erased address cannot be tracked again.
    expect((await create({ email: "erase.me@acme.example", host: "outlook" })).status).toBe(409);
  });
});
