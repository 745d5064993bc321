// Gmail and Microsoft Graph transports through the real client libraries (googleapis, microsoft-graph-client)
// against local fake servers; mailboxes are connected through the real OAuth callback routes.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createApp } from "../app";
import { mailboxes, sendJobs } from "../db/schema";
import { startFakeGmail } from "../testing/fake-gmail-server";
import { startFakeGraph } from "../testing/fake-graph-server";
import { createSequenceFixture, headerLines } from "../testing/sequence-fixture";
import { IDEMPOTENCY_HEADER } from "./build-message";
import { providerConfig } from "../mailboxes/provider-config";

let f: Awaited<ReturnType<typeof createSequenceFixture>>;
beforeEach(async () => {
  f = await createSequenceFixture();
});
afterEach(() => f.close());

async function connect(provider: "google" | "microsoft", providers: ReturnType<typeof providerConfig>) {
  const app = createApp({ db: f.db, config: { ...f.config, corsOrigins: [], providers } });
  const auth = { authorization: `Bearer ${f.a.token}` };
  const start = await app.request(`/api/v1/mailboxes/oauth/${provider}/start`, { method: "POST", headers: auth });
  expect(start.status).toBe(200);
  const url = new URL(((await start.json()) as { url: string }).url);
  const state = url.searchParams.get("state")!;
  expect(url.searchParams.get("redirect_uri")).toBe(`http://127.0.0.1:8787/oauth/${provider}/callback`);
  const forged = await app.request(
    `/oauth/${provider}/callback?code=abc&state=${encodeURIComponent(state.slice(0, -3) + "aaa")}`,
  );
  expect([forged.status, forged.headers.get("location")]).toEqual([302, expect.stringMatching(/^\/mailboxes\?error=/)]);
  const cb = await app.request(`/oauth/${provider}/callback?code=abc&state=${encodeURIComponent(state)}`);
  expect([cb.status, cb.headers.get("location")]).toEqual([302, expect.stringMatching(/^\/mailboxes\?connected=mb/)]);
  const row = (
    await f.db
      .select()
      .from(mailboxes)
      .where(eq(mailboxes.kind, provider === "google" ? "gmail" : "microsoft"))
  )[0]!;
  expect(row.credentialsEnc).toMatch(/^v1\./);
  expect(row.credentialsEnc).not.toContain("fake-refresh");
  return row;
}

const steps = [
  { kind: "email", config: { subject: "Samples for {{first_name}}", bodyHtml: "<p>Hi {{first_name}}</p>" } },
  { kind: "email", delayAmount: 1, delayUnit: "hours", config: { bodyHtml: "<p>Did the samples arrive?</p>" } },
];

describe("Gmail transport", () => {
  let g: Awaited<ReturnType<typeof startFakeGmail>>;
  beforeEach(async () => {
    g = await startFakeGmail({ email: "Rep@Gmail.example" });
  });
  afterEach(() => g.close());

  test("OAuth connect, send, Gmail-assigned Message-ID stored and used for the threaded follow-up", async () => {
    const providers = { ...providerConfig(), google: g.providers.google };
    const mb = await connect("google", providers);
    expect(mb.email).toBe("rep@gmail.example");
    expect(g.tokenRequests.some((p) => p.get("grant_type") === "authorization_code" && p.get("code") === "abc")).toBe(true);
    const c = await f.contact({ email: "ana@cliente.es", firstName: "Ana", language: "es" });
    const s = await f.sequence({ name: "S", steps });
    await f.enroll({ sequenceId: s.id, contactIds: [c.id], mailboxId: mb.id });
    const d = f.dispatcher({ config: { ...f.config, providers } });
    const now = Date.now() + 1000;
    expect((await d.runOnce(now)).sent).toBe(1);
    expect((await d.runOnce(now + 2 * 3_600_000)).sent).toBe(1);
    expect(g.sent).toHaveLength(2);
    const [m1, m2] = g.sent as [(typeof g.sent)[0], (typeof g.sent)[0]];
    expect(m1.requestedThreadId).toBeNull();
    expect(m1.parsed.subject).toBe("Samples for Ana");
    expect(m1.parsed.html).toContain("darse de baja aquí");
    expect(m2.requestedThreadId).toBe(m1.threadId);
    expect(m2.parsed.subject).toBe("Re: Samples for Ana");
    expect(m2.parsed.inReplyTo).toBe(m1.gmailMessageId);
    for (const m of g.sent) {
      const lines = headerLines(m.raw);
      expect(lines.filter((l) => l.startsWith("List-Unsubscribe: <http"))).toHaveLength(1);
      expect(lines).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
      expect(m.parsed.headers.get(IDEMPOTENCY_HEADER.toLowerCase())).toBeTruthy();
      expect(m.parsed.text).toBeTruthy();
    }
    const jobs = await f.db.select().from(sendJobs);
    expect(jobs.map((j) => j.messageId)).toEqual([m1.gmailMessageId, m2.gmailMessageId]);
    expect(jobs.map((j) => j.providerThreadId)).toEqual([m1.threadId, m1.threadId]);
    expect(
      g.tokenRequests.some((p) => p.get("grant_type") === "refresh_token" && p.get("refresh_token") === "1//fake-refresh"),
    ).toBe(true);
  });

  test("429 userRateLimitExceeded → retried after Retry-After; a crash after send is reconciled, not resent", async () => {
    const providers = { ...providerConfig(), google: g.providers.google };
    const mb = await connect("google", providers);
    const c = await f.contact({ email: "ana@cliente.es", firstName: "Ana" });
    const s = await f.sequence({ name: "S", steps: [steps[0]] });
    await f.enroll({ sequenceId: s.id, contactIds: [c.id], mailboxId: mb.id });
    g.rateLimitNextSends(1);
    const now = Date.now() + 1000;
    const r = await f.dispatcher({ config: { ...f.config, providers } }).runOnce(now);
    expect(r.retried).toBe(1);
    let job = (await f.db.select().from(sendJobs))[0]!;
    expect(job.status).toBe("queued");
    expect(job.runAt).toBe(now + 120_000);
    // The process "dies" right after Gmail accepted the message.
    const d1 = f.dispatcher({ owner: "p1", config: { ...f.config, providers }, hooks: {} });
    await d1.runOnce(job.runAt);
    expect(g.sent).toHaveLength(1);
    await f.db.update(sendJobs).set({ status: "sending", leaseOwner: "p1", leaseExpiresAt: job.runAt + 1, messageId: null });
    const d2 = f.dispatcher({ owner: "p2", config: { ...f.config, providers } });
    const r2 = await d2.runOnce(job.runAt + 600_000);
    expect(r2.reconciled).toBe(1);
    expect(g.sent).toHaveLength(1);
    job = (await f.db.select().from(sendJobs))[0]!;
    expect(job.status).toBe("sent");
    expect(job.messageId).toBe(g.sent[0]!.gmailMessageId);
  });
});

describe("Microsoft Graph transport", () => {
  let g: Awaited<ReturnType<typeof startFakeGraph>>;
  beforeEach(async () => {
    g = await startFakeGraph();
  });
  afterEach(() => g.close());

  test("OAuth connect; new thread via draft + send, follow-up via createReply → PATCH → send; no List-Unsubscribe possible", async () => {
    const providers = { ...providerConfig(), microsoft: g.providers.microsoft };
    const mb = await connect("microsoft", providers);
    expect(mb.email).toBe("rep@contoso.example");
    const list = await f.call("GET", "/api/v1/mailboxes");
    expect(list.json.items.find((m: { id: string }) => m.id === mb.id).supportsListUnsubscribe).toBe(false);
    const c = await f.contact({ email: "ana@cliente.es", firstName: "Ana" });
    const s = await f.sequence({ name: "S", steps });
    await f.enroll({ sequenceId: s.id, contactIds: [c.id], mailboxId: mb.id });
    const d = f.dispatcher({ config: { ...f.config, providers } });
    const now = Date.now() + 1000;
    expect((await d.runOnce(now)).sent).toBe(1);
    expect((await d.runOnce(now + 2 * 3_600_000)).sent).toBe(1);
    const sent = g.messages.filter((m) => m.sent);
    expect(sent).toHaveLength(2);
    const [m1, m2] = sent as [(typeof sent)[0], (typeof sent)[0]];
    expect(m1.subject).toBe("Samples for Ana");
    expect(m1.toRecipients).toEqual([{ emailAddress: { address: "ana@cliente.es" } }]);
    expect(m1.body.content).toContain("unsubscribe here");
    expect(m1.internetMessageHeaders.map((h) => h.name)).toEqual([IDEMPOTENCY_HEADER]);
    expect(m2.replyTo).toBe(m1.internetMessageId);
    expect(m2.conversationId).toBe(m1.conversationId);
    expect(m2.toRecipients).toEqual([{ emailAddress: { address: "ana@cliente.es" } }]);
    expect(m2.body.content).toContain("Did the samples arrive?");
    expect(
      g.requests.filter((r) => r.path.startsWith("/v1.0/me/messages")).every((r) => r.prefer === 'IdType="ImmutableId"'),
    ).toBe(true);
    const jobs = await f.db.select().from(sendJobs);
    expect(jobs.map((j) => j.messageId)).toEqual([m1.internetMessageId, m2.internetMessageId]);
  });

  test("429 with Retry-After backs off", async () => {
    const providers = { ...providerConfig(), microsoft: g.providers.microsoft };
    const mb = await connect("microsoft", providers);
    const c = await f.contact({ email: "ana@cliente.es", firstName: "Ana" });
    const s = await f.sequence({ name: "S", steps: [steps[0]] });
    await f.enroll({ sequenceId: s.id, contactIds: [c.id], mailboxId: mb.id });
    g.throttleNext(1);
    const now = Date.now() + 1000;
    expect((await f.dispatcher({ config: { ...f.config, providers } }).runOnce(now)).retried).toBe(1);
    const job = (await f.db.select().from(sendJobs))[0]!;
    expect(job.status).toBe("queued");
    expect(job.runAt).toBe(now + 30_000);
    expect(g.messages.filter((m) => m.sent)).toHaveLength(0);
  });
});
