// The tracking hook end to end: a sequence step sent through the dispatcher (outbox transport) carries the open
// pixel and signed click links, unless the sequence turns tracking off; unsubscribe links are never rewritten.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { trackedLinks } from "../db/schema";
import { verifyToken } from "../security/sign-token";
import { createSequenceFixture } from "../testing/sequence-fixture";

let f: Awaited<ReturnType<typeof createSequenceFixture>>;
beforeEach(async () => {
  f = await createSequenceFixture();
});
afterEach(() => f.close());

const body =
  '<p>Hi {{first_name}}, see <a href="https://shop.example/pricing">our prices</a> or ' +
  '<a href="mailto:sales@shop.example">mail us</a>. <a data-buying-signal href="https://shop.example/quote">Get a quote</a></p>';

async function sendOne(settings: Record<string, unknown>) {
  const c = await f.contact({ email: "hans@example-tools.de", firstName: "Hans", timeZone: "Europe/Berlin" });
  const s = await f.sequence({
    name: "Tracked",
    settings: { window: { start: "00:00", end: "24:00", days: [1, 2, 3, 4, 5, 6, 7] }, ...settings },
    steps: [{ kind: "email", config: { subject: "Prices", bodyHtml: body } }],
  });
  expect((await f.enroll({ sequenceId: s.id, contactIds: [c.id] })).status).toBe(201);
  expect((await f.dispatcher().runOnce(Date.now() + 1000)).sent).toBe(1);
  const [m] = await f.outbox();
  return m!;
}

const secret = "test-signing-secret-0123456789abcdef";

describe("prepareHtml: tracking in sent messages", () => {
  test("pixel and signed click links; unsubscribe, mailto and the text part untouched; redirect works", async () => {
    const m = await sendOne({});
    const html = m.parsed.html as string;
    const pixel = /<img src="http:\/\/127\.0\.0\.1:8787\/t\/o\/([^"]+)\.gif"/.exec(html);
    expect(verifyToken({ secret, purpose: "open", token: pixel![1]! })).toBe(m.sendJobId);

    const tickets = [...html.matchAll(/href="http:\/\/127\.0\.0\.1:8787\/t\/c\/([^"]+)"/g)].map((x) => x[1]!);
    expect(tickets).toHaveLength(2);
    const rows = await f.db.select().from(trackedLinks).where(eq(trackedLinks.sendJobId, m.sendJobId));
    expect(rows.map((r) => [r.url, r.buyingSignal]).sort()).toEqual([
      ["https://shop.example/pricing", false],
      ["https://shop.example/quote", true],
    ]);
    expect(html).toContain('href="mailto:sales@shop.example"');
    expect(html).toMatch(/href="http:\/\/127\.0\.0\.1:8787\/u\/[^"]+"/);
    // The plain-text part shows the real destinations, not the redirects.
    expect(m.parsed.text).toContain("https://shop.example/pricing");
    expect(m.parsed.text).not.toContain("/t/c/");

    const res = await f.app.request(`/t/c/${tickets[0]}`);
    expect(res.status).toBe(302);
    expect(["https://shop.example/pricing", "https://shop.example/quote"]).toContain(res.headers.get("location"));
  });

  test("the sequence's switches turn opens and clicks off", async () => {
    const m = await sendOne({ trackOpens: false, trackClicks: false });
    const html = m.parsed.html as string;
    expect(html).not.toContain("/t/o/");
    expect(html).not.toContain("/t/c/");
    expect(html).toContain('href="https://shop.example/pricing"');
    expect(await f.db.select().from(trackedLinks)).toHaveLength(0);
  });

  test("opens only: pixel, links as written", async () => {
    const m = await sendOne({ trackClicks: false });
    const html = m.parsed.html as string;
    expect(html).toContain("/t/o/");
    expect(html).not.toContain("/t/c/");
  });
});
