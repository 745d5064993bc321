import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createIpRangeSet } from "@threadline/shared/domain/create-ip-range-set";
import { createApp, createServerFetch } from "../app";
import type { Db } from "../db/client";
import { trackedLinks, trackingEvents } from "../db/schema";
import { signToken } from "../security/sign-token";
import { seedSends } from "../testing/seed-sends";
import { createTestApp, type TestApp } from "../testing/test-app";
import { hashIp } from "../tracking/hash-ip";
import { pixelGif } from "../tracking/pixel-gif";
import { TrackingBatchWriter } from "../tracking/tracking-batch-writer";
import { TrackingRecorder, type RecordedTrackingEvent, type TrackingRecorderOptions } from "../tracking/tracking-recorder";
import type { Client } from "@libsql/client";

const secret = "test-signing-secret-0123456789abcdef";
const chrome = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
const HOUR = 3_600_000;

let t: TestApp;
let recorder: TrackingRecorder;
let app: ReturnType<typeof createApp>;
let serverFetch: ReturnType<typeof createServerFetch>["fetch"];
let sendJobId: string;
let contactId: string;

function build(db: Db, opts: { maxBatch?: number; client?: Client; logger?: TrackingRecorderOptions["logger"] } = {}) {
  recorder = new TrackingRecorder({
    sink: new TrackingBatchWriter({
      client: opts.client ?? t.client,
      appleRanges: createIpRangeSet(["172.224.224.0/27", "2a02:26f7:b3c0:4000::/64"]),
      ipSecret: secret,
    }),
    // Long interval: tests flush explicitly, so nothing depends on timing.
    flushMs: 60_000,
    ...(opts.maxBatch ? { maxBatch: opts.maxBatch } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
  });
  ({ app, fetch: serverFetch } = createServerFetch({
    db,
    config: { publicUrl: "http://127.0.0.1:8787", corsOrigins: [], signingSecret: secret, encryptionKey: null },
    tracking: { recorder, trustProxy: true },
  }));
}

beforeEach(async () => {
  t = await createTestApp();
  const seed = seedSends(t.db, t.a.workspaceId);
  contactId = await seed.contact({ email: "buyer@example.com" });
  const seq = await seed.sequence({ name: "Intro", steps: [{}] });
  const enrollmentId = await seed.enrollment({ contactId, sequenceId: seq.id, createdAt: Date.now() - 2 * HOUR });
  sendJobId = await seed.send({ enrollmentId, stepId: seq.stepIds[0]!, sentAt: Date.now() - HOUR });
  build(t.db);
});
afterEach(() => t.close());

const pixelPath = (id = sendJobId) => `/t/o/${signToken({ secret, purpose: "open", id })}.gif`;
const get = (path: string, headers: Record<string, string> = {}, method = "GET") => app.request(path, { method, headers });

async function addLink(url: string, opts: { buyingSignal?: boolean; workspaceId?: string } = {}) {
  const id = `lk_${Math.random().toString(16).slice(2).padEnd(32, "0")}`;
  await t.db.insert(trackedLinks).values({
    id,
    workspaceId: opts.workspaceId ?? t.a.workspaceId,
    sendJobId,
    url,
    buyingSignal: opts.buyingSignal ?? false,
  });
  return { id, path: `/t/c/${signToken({ secret, purpose: "click", id })}` };
}

const events = () =>
  t.db.select().from(trackingEvents).where(eq(trackingEvents.sendJobId, sendJobId)).orderBy(trackingEvents.occurredAt);

describe("open pixel", () => {
  test("a valid token answers the 43-byte GIF uncached, and the open is recorded with label and timeline entry", async () => {
    const res = await get(pixelPath(), { "user-agent": "Microsoft Outlook 16.0", "x-forwarded-for": "203.0.113.50" });
    expect(res.status).toBe(200);
    const body = new Uint8Array(await res.arrayBuffer());
    expect(body.byteLength).toBe(43);
    expect(body).toEqual(pixelGif);
    expect(res.headers.get("content-type")).toBe("image/gif");
    expect(res.headers.get("cache-control")).toBe("no-cache, no-store, must-revalidate");
    expect(res.headers.get("pragma")).toBe("no-cache");
    expect(res.headers.get("expires")).toBe("0");
    expect(recorder.stats.accepted).toBe(1);
    expect(await events()).toHaveLength(0); // not written in the request

    await recorder.flush();
    const [row] = await events();
    expect(row).toMatchObject({ kind: "open", label: "human", contactId, workspaceId: t.a.workspaceId });
    // Only a hash of the /24 network is stored.
    expect(row!.ipHash).toBe(hashIp("203.0.113.99", secret));
    expect(JSON.stringify(row)).not.toContain("203.0.113");

    // On the contact's timeline (read from tracking_events), as the card shows it.
    const card = await t.call("GET", "/api/v1/card?email=buyer@example.com");
    const opens = card.json.timeline.filter((e: { type: string }) => e.type === "open");
    expect(opens).toEqual([
      {
        id: row!.id,
        contactId,
        type: "open",
        actor: "system:tracking",
        occurredAt: new Date(row!.occurredAt).toISOString(),
        payload: {
          trackingEventId: row!.id,
          sendJobId,
          sequenceId: expect.stringMatching(/^sq_/),
          stepId: expect.stringMatching(/^st_/),
          label: "human",
          reason: expect.stringMatching(/person/),
          counted: true,
        },
      },
    ]);
  });

  test.each([
    ["forged signature", () => `/t/o/${sendJobId}.AAAAAAAAAAAAAAAAAAAAAA.gif`],
    ["a click ticket used as pixel", () => `/t/o/${signToken({ secret, purpose: "click", id: sendJobId })}.gif`],
    ["signed with another secret", () => `/t/o/${signToken({ secret: "x".repeat(40), purpose: "open", id: sendJobId })}.gif`],
    ["no .gif suffix", () => pixelPath().slice(0, -4)],
    ["garbage", () => "/t/o/%00%ff.gif"],
  ])("%s: still the GIF, nothing accepted, the database untouched", async (_name, path) => {
    let dbCalls = 0;
    const counting = <T extends object>(target: T): T =>
      new Proxy(target, {
        get(obj, prop, receiver) {
          const value = Reflect.get(obj, prop, receiver);
          if (typeof value !== "function") return value;
          return (...args: unknown[]) => {
            dbCalls++;
            return (value as (...a: unknown[]) => unknown).apply(obj, args);
          };
        },
      });
    build(counting(t.db), { client: counting(t.client) });
    const res = await get(path());
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pixelGif);
    expect(res.headers.get("cache-control")).toContain("no-store");
    expect(recorder.stats.accepted).toBe(0);
    await recorder.flush();
    expect(dbCalls).toBe(0);
  });

  test("a valid token seen before does not make a forged one for the same send pass", async () => {
    await get(pixelPath(), { "user-agent": "Outlook" });
    await get(pixelPath(), { "user-agent": "Outlook" });
    await get(`/t/o/${sendJobId}.AAAAAAAAAAAAAAAAAAAAAA.gif`, { "user-agent": "Outlook" });
    expect(recorder.stats.accepted).toBe(2);
  });

  test("machine opens are stored with their label: Gmail proxy, Apple MPP (IPv4 and IPv6), missing UA", async () => {
    await get(pixelPath(), { "user-agent": "Mozilla/5.0 (via ggpht.com GoogleImageProxy)", "x-forwarded-for": "66.249.1.1" });
    await get(pixelPath(), { "user-agent": "Mozilla/5.0", "x-forwarded-for": "172.224.224.9" });
    await get(pixelPath(), { "user-agent": "Mozilla/5.0", "x-forwarded-for": "2a02:26f7:b3c0:4000::77" });
    await get(pixelPath(), { "x-forwarded-for": "198.51.100.1" });
    await recorder.flush();
    expect((await events()).map((e) => e.label)).toEqual(["google_proxy", "apple_proxy", "apple_proxy", "scanner"]);
  });

  test("a second open from the same network within the hour is a duplicate, also across batches", async () => {
    await get(pixelPath(), { "user-agent": "Outlook", "x-forwarded-for": "203.0.113.5" });
    await recorder.flush();
    await get(pixelPath(), { "user-agent": "Outlook", "x-forwarded-for": "203.0.113.6" });
    await get(pixelPath(), { "user-agent": "Outlook", "x-forwarded-for": "198.51.100.6" });
    await recorder.flush();
    expect((await events()).map((e) => e.label)).toEqual(["human", "duplicate", "human"]);
  });

  test("after the contact is erased, a fetch of an old pixel is answered and dropped: nothing stored about them", async () => {
    await get(pixelPath(), { "user-agent": chrome, "x-forwarded-for": "203.0.113.5" });
    await recorder.flush();
    expect(await events()).toHaveLength(1); // this writer has now seen the send
    expect((await t.call("POST", `/api/v1/contacts/${contactId}/erase`)).status).toBe(200);
    await get(pixelPath(), { "user-agent": chrome, "x-forwarded-for": "203.0.113.5" });
    await recorder.flush();
    expect(recorder.stats).toMatchObject({ accepted: 2, stored: 1, dropped: 1 });
    expect(await t.db.select().from(trackingEvents)).toEqual([]);
  });

  test("a valid token for a send that does not exist is answered and dropped", async () => {
    const res = await get(pixelPath("sj_doesnotexist"), { "user-agent": "Outlook" });
    expect(res.status).toBe(200);
    await recorder.flush();
    expect(recorder.stats).toMatchObject({ accepted: 1, stored: 0, dropped: 1 });
  });
});

describe("over real HTTP, through the server's fetch (tracking paths routed on their own)", () => {
  // The server reads the request's raw header list; names arrive in any case and may repeat.
  async function rawGet(path: string, rawHeaders: string[], method = "GET") {
    const { serve } = await import("@hono/node-server");
    const { request } = await import("node:http");
    const server = await new Promise<import("node:net").Server>((resolve) => {
      const s = serve({ fetch: serverFetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s as import("node:net").Server));
    });
    const port = (server.address() as import("node:net").AddressInfo).port;
    try {
      return await new Promise<{ status: number; headers: import("node:http").IncomingHttpHeaders; body: string }>(
        (resolve, reject) => {
          // A raw header list replaces Node's defaults, Host included.
          const headers = ["Host", `127.0.0.1:${port}`, ...rawHeaders];
          const req = request({ host: "127.0.0.1", port, path, method, headers }, (res) => {
            let body = "";
            res.setEncoding("latin1");
            res.on("data", (d: string) => (body += d));
            res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
          });
          req.on("error", reject);
          req.end();
        },
      );
    } finally {
      server.close();
    }
  }

  test.each([
    {
      name: "user agent, purpose header and forwarded address in odd case",
      headers: ["USER-AGENT", "Microsoft Outlook 16.0", "Sec-Purpose", "prefetch", "X-Forwarded-For", "198.51.100.7, 10.0.0.1"],
      expected: { label: "prefetch", userAgent: "Microsoft Outlook 16.0", ipHash: hashIp("198.51.100.1", secret) },
    },
    {
      name: "a repeated user agent: the first one, as Node keeps it",
      headers: ["User-Agent", "Microsoft Outlook 16.0", "user-agent", "curl/8.0"],
      expected: { label: "human", userAgent: "Microsoft Outlook 16.0" },
    },
    {
      name: "X-Moz prefetch",
      headers: ["user-agent", "Mozilla/5.0 Firefox/128.0", "x-moz", "prefetch", "x-forwarded-for", "198.51.100.8"],
      expected: { label: "prefetch", userAgent: "Mozilla/5.0 Firefox/128.0", ipHash: hashIp("198.51.100.8", secret) },
    },
    {
      name: "a plain open from the socket's address",
      headers: ["User-Agent", chrome],
      expected: { label: "human", userAgent: chrome, ipHash: hashIp("127.0.0.1", secret) },
    },
    {
      name: "no user agent",
      headers: ["Accept", "image/*", "Purpose-Not", "prefetch"],
      expected: { userAgent: null, ipHash: hashIp("127.0.0.1", secret) },
    },
  ])("pixel: $name", async ({ headers, expected }) => {
    const res = await rawGet(pixelPath(), headers);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("image/gif");
    expect(res.body.length).toBe(43);
    await recorder.flush();
    const [row] = await events();
    expect(row).toMatchObject(expected);
  });

  test("the token is read from the request line: a query string is ignored, a forged token is not recorded", async () => {
    expect((await rawGet(`${pixelPath()}?utm_source=x&b=/c`, ["User-Agent", chrome])).status).toBe(200);
    expect((await rawGet(`/t/o/${sendJobId}.AAAAAAAAAAAAAAAAAAAAAA.gif`, ["User-Agent", chrome])).status).toBe(200);
    await recorder.flush();
    expect(await events()).toMatchObject([{ label: "human", userAgent: chrome }]);
    expect(recorder.stats.accepted).toBe(1);
  });

  test("a HEAD of the pixel is answered and labelled a scanner for being HEAD", async () => {
    const res = await rawGet(pixelPath(), ["User-Agent", chrome], "HEAD");
    expect(res.status).toBe(200);
    await recorder.flush();
    expect(await events()).toMatchObject([{ label: "scanner", reason: expect.stringMatching(/HEAD request/) }]);
  });

  test("click: 302 with no-store and no-referrer; a forged ticket and an unknown /t path get the JSON error shape", async () => {
    const link = await addLink("https://shop.example/p?utm_source=tl");
    const ok = await rawGet(link.path, ["User-Agent", chrome]);
    expect(ok.status).toBe(302);
    expect(ok.headers).toMatchObject({
      location: "https://shop.example/p?utm_source=tl",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    });
    const forged = await rawGet(`${link.path.slice(0, -4)}AAAA`, ["User-Agent", chrome]);
    expect(forged.status).toBe(404);
    expect(JSON.parse(forged.body)).toEqual({
      error: { code: "not_found", message: expect.stringMatching(/unknown or was altered/) },
    });
    const unknown = await rawGet("/t/x/y", []);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toEqual({ error: { code: "not_found", message: "No route GET /t/x/y." } });
    await recorder.flush();
    expect(await events()).toMatchObject([{ kind: "click", label: "human" }]);
  });

  test("every other path still reaches the full app (auth, API error shape)", async () => {
    const res = await rawGet("/api/v1/card?email=buyer@example.com", []);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe("unauthorized");
    expect((await rawGet("/health", [])).status).toBe(200);
  });
});

describe("click redirect", () => {
  test("302 to the stored destination with no-store and no-referrer; recorded as a human click", async () => {
    const link = await addLink("https://example.com/pricing?utm_source=threadline");
    const res = await get(link.path, { "user-agent": chrome, "x-forwarded-for": "203.0.113.5" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("https://example.com/pricing?utm_source=threadline");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    await recorder.flush();
    expect(await events()).toMatchObject([{ kind: "click", label: "human", linkId: link.id }]);
    // The click on the contact's timeline carries its link.
    const card = await t.call("GET", "/api/v1/card?email=buyer@example.com");
    expect(card.json.timeline).toMatchObject([
      {
        type: "click",
        payload: {
          label: "human",
          counted: true,
          url: "https://example.com/pricing?utm_source=threadline",
          linkId: link.id,
          buyingSignal: false,
        },
      },
    ]);
  });

  test.each([
    ["HEAD request", "HEAD", { "user-agent": chrome }, "scanner"],
    ["Safe Links scanner", "GET", { "user-agent": "SafeLinks/2.0" }, "scanner"],
    ["browser prefetch", "GET", { "user-agent": chrome, "sec-purpose": "prefetch" }, "prefetch"],
  ])("%s: redirected, labelled %s and not counted", async (_name, method, headers, label) => {
    const link = await addLink("https://example.com/a");
    const res = await get(link.path, headers, method);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("https://example.com/a");
    const seen: RecordedTrackingEvent[] = [];
    recorder.onRecorded((e) => void seen.push(...e));
    await recorder.flush();
    expect(await events()).toMatchObject([{ label }]);
    expect(seen).toMatchObject([{ label, counted: false }]);
  });

  test.each([
    ["forged ticket", () => "/t/c/lk_0000000000000000000000000000000a.AAAAAAAAAAAAAAAAAAAAAA"],
    ["an open token as ticket", () => `/t/c/${signToken({ secret, purpose: "open", id: sendJobId })}`],
    ["unknown link, valid signature", () => `/t/c/${signToken({ secret, purpose: "click", id: "lk_unknown" })}`],
    ["no signature", () => "/t/c/lk_abc"],
  ])("%s → 404 in the error shape, no redirect", async (_name, path) => {
    const res = await get(path(), { "user-agent": chrome });
    expect(res.status).toBe(404);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.json()).toMatchObject({ error: { code: "not_found", message: expect.any(String) } });
    expect(recorder.stats.accepted).toBe(0);
  });

  // Rows written before destinations were normalised (issue 20): a newline made the Location header throw (500).
  test.each([
    ["a newline", "https://example.com/a\nb", "https://example.com/ab"],
    ["backslashes", "https:\\\\example.net", "https://example.net/"],
  ])("a stored destination with %s is redirected to its normalised form (GET and HEAD)", async (_name, url, want) => {
    const link = await addLink(url);
    for (const method of ["GET", "HEAD"]) {
      const res = await get(link.path, { "user-agent": chrome }, method);
      expect([res.status, res.headers.get("location")]).toEqual([302, want]);
    }
  });

  test("a stored destination with another control character is a 404 and no click is recorded", async () => {
    const link = await addLink("https://example.com/\u0001");
    for (const method of ["GET", "HEAD"]) {
      const res = await get(link.path, { "user-agent": chrome }, method);
      expect([res.status, res.headers.get("location")]).toEqual([404, null]);
    }
    expect(recorder.stats.accepted).toBe(0);
  });

  test.each(["javascript:alert(1)", "data:text/html,hi", "ftp://example.com/x", "//evil.example/x"])(
    "a stored non-http(s) destination (%s) is never redirected to",
    async (url) => {
      const link = await addLink(url);
      const res = await get(link.path, { "user-agent": chrome });
      expect(res.status).toBe(404);
      expect(res.headers.get("location")).toBeNull();
    },
  );

  test("onRecorded receives committed events with the buying-signal flag; a failing listener loses nothing", async () => {
    const link = await addLink("https://example.com/pricing", { buyingSignal: true });
    const seen: RecordedTrackingEvent[] = [];
    recorder.onRecorded(() => {
      throw new Error("listener bug");
    });
    const off = recorder.onRecorded(async (batch) => {
      // Called after commit: the rows are already in the database.
      expect(await events()).toHaveLength(batch.length);
      seen.push(...batch);
    });
    await get(link.path, { "user-agent": chrome, "x-forwarded-for": "203.0.113.5" });
    await recorder.flush();
    expect(seen).toMatchObject([
      { kind: "click", label: "human", counted: true, buyingSignal: true, contactId, linkId: link.id },
    ]);
    off();
    await get(link.path, { "user-agent": chrome, "x-forwarded-for": "198.51.100.5" });
    await recorder.flush();
    expect(seen).toHaveLength(1);
    expect(await events()).toHaveLength(2);
  });

  test("a countedOnly listener gets only the human events, and none at all for a batch without one", async () => {
    const counted: RecordedTrackingEvent[] = [];
    const all: RecordedTrackingEvent[] = [];
    let calls = 0;
    const offCounted = recorder.onRecorded(
      (batch) => {
        calls++;
        counted.push(...batch);
      },
      { countedOnly: true },
    );
    await get(pixelPath(), { "user-agent": chrome, "x-forwarded-for": "203.0.113.5" }); // human
    await get(pixelPath(), { "user-agent": chrome, "x-forwarded-for": "203.0.113.5" }); // duplicate
    await get(pixelPath(), { "user-agent": "Mozilla/5.0", "x-forwarded-for": "172.224.224.9" }); // Apple proxy
    await recorder.flush();
    expect(counted.map((e) => e.label)).toEqual(["human"]);
    await get(pixelPath(), { "user-agent": "Mozilla/5.0", "x-forwarded-for": "172.224.224.9" });
    await recorder.flush();
    expect(calls).toBe(1);
    // A listener that wants everything still gets the machine opens.
    recorder.onRecorded((batch) => void all.push(...batch));
    await get(pixelPath(), { "user-agent": "Mozilla/5.0", "x-forwarded-for": "172.224.224.9" });
    await recorder.flush();
    expect(all.map((e) => e.label)).toEqual(["apple_proxy"]);
    expect(calls).toBe(1);
    offCounted();
  });

  test("a click 3 s after an Apple proxy open is a scanner", async () => {
    const link = await addLink("https://example.com/b");
    await get(pixelPath(), { "user-agent": "Mozilla/5.0", "x-forwarded-for": "172.224.224.9" });
    await get(link.path, { "user-agent": chrome, "x-forwarded-for": "203.0.113.5" });
    await recorder.flush();
    expect((await events()).map((e) => [e.kind, e.label])).toEqual([
      ["open", "apple_proxy"],
      ["click", "scanner"],
    ]);
  });
});

describe("batching", () => {
  test("hits are written in batches of at most maxBatch, one transaction each, and all are stored", async () => {
    let transactions = 0;
    const original = t.client.batch.bind(t.client);
    t.client.batch = ((stmts: Parameters<typeof original>[0], mode: Parameters<typeof original>[1]) => {
      transactions++;
      expect(mode).toBe("write");
      return original(stmts, mode);
    }) as typeof t.client.batch;
    build(t.db, { maxBatch: 3 });
    for (let i = 0; i < 7; i++) await get(pixelPath(), { "user-agent": "Outlook", "x-forwarded-for": `10.0.${i}.1` });
    await recorder.flush();
    expect(await events()).toHaveLength(7);
    expect(transactions).toBe(3);
    expect(recorder.stats).toMatchObject({ accepted: 7, stored: 7, pending: 0 });
  });

  test("a failed write is retried: nothing lost, nothing stored twice, labels as if written once", async () => {
    const errors: unknown[] = [];
    const original = t.client.batch.bind(t.client);
    let calls = 0;
    t.client.batch = ((stmts: Parameters<typeof original>[0], mode: Parameters<typeof original>[1]) => {
      calls++;
      if (calls === 1) return Promise.reject(new Error("SQLITE_BUSY"));
      return original(stmts, mode);
    }) as typeof t.client.batch;
    build(t.db, { logger: { error: (...a: unknown[]) => errors.push(a), warn: () => {} } });
    await get(pixelPath(), { "user-agent": "Outlook", "x-forwarded-for": "203.0.113.5" });
    await get(pixelPath(), { "user-agent": "Outlook", "x-forwarded-for": "203.0.113.5" });
    await recorder.flush();
    expect(errors).toHaveLength(1);
    expect((await events()).map((e) => e.label)).toEqual(["human", "duplicate"]);
    expect(recorder.stats).toMatchObject({ accepted: 2, stored: 2, dropped: 0, pending: 0 });
  });
});
