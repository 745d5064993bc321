// GET /outbox (issue 20): the stored sources carry signed unsubscribe/pixel/click links, so viewers never see the
// outbox, a rep sees only their own mailboxes' messages with those links redacted, and admins see the source as stored.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { simpleParser } from "mailparser";
import { verifyToken } from "../security/sign-token";
import { createSequenceFixture, headerLines } from "../testing/sequence-fixture";

let f: Awaited<ReturnType<typeof createSequenceFixture>>;
const secret = "test-signing-secret-0123456789abcdef";
let repMailbox: string;
let ownerMailbox: string;

const signedLinks = (text: string) => [...text.matchAll(/\/(u|t\/o|t\/c)\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22})/g)];
// Long ASCII lines (quoted-printable, a link split by a soft line break) and Chinese text (base64): both encodings.
const bodies = {
  ascii: `<p>Hello ${"there ".repeat(20)}<a href="https://shop.example/${"pricing-".repeat(12)}">prices</a></p>`,
  chinese: `<p>您好，${"我们的工厂生产优质产品。".repeat(10)}<a href="https://shop.example/报价">报价</a></p>`,
};

beforeAll(async () => {
  f = await createSequenceFixture();
  ownerMailbox = (await f.call("POST", "/api/v1/mailboxes", { body: { kind: "outbox", email: "owner@a.example" } })).json.id;
  repMailbox = (
    await f.call("POST", "/api/v1/mailboxes", { token: f.aRep.token, body: { kind: "outbox", email: "rep@a.example" } })
  ).json.id;
  for (const [i, [name, bodyHtml]] of Object.entries(bodies).entries()) {
    for (const [token, mailboxId] of [
      [f.a.token, ownerMailbox],
      [f.aRep.token, repMailbox],
    ] as const) {
      const c = await f.call("POST", "/api/v1/contacts", {
        token,
        body: { email: `${name}@buyer-${i}-${mailboxId.replace("_", "-")}.example` },
      });
      const s = await f.call("POST", "/api/v1/sequences", {
        token,
        body: {
          name: `${name} ${mailboxId}`,
          settings: { window: { start: "00:00", end: "24:00", days: [1, 2, 3, 4, 5, 6, 7] } },
          steps: [{ kind: "email", config: { subject: "Hi", bodyHtml } }],
        },
      });
      const e = await f.call("POST", "/api/v1/enrollments", {
        token,
        body: { sequenceId: s.json.id, contactIds: [c.json.id], mailboxId },
      });
      expect([e.status, e.json.error]).toEqual([201, undefined]);
    }
  }
  expect((await f.dispatcher().runOnce(Date.now() + 1000)).sent).toBe(4);
});
afterAll(() => f.close());

describe("GET /outbox", () => {
  test("a viewer gets 403", async () => {
    const r = await f.call("GET", "/api/v1/outbox", { token: f.aViewer.token });
    expect([r.status, r.json.error.code]).toEqual([403, "forbidden"]);
  });

  test("the owner sees every mailbox's messages as stored, with working signed links", async () => {
    const r = await f.call("GET", "/api/v1/outbox");
    expect(r.status).toBe(200);
    expect(r.json.items.map((m: any) => m.mailboxId).sort()).toEqual([ownerMailbox, ownerMailbox, repMailbox, repMailbox].sort());
    const parsed = await simpleParser(r.json.items[0].raw);
    const unsub = /\/u\/([^>\s]+)>/.exec(
      String(parsed.headers.get("list-unsubscribe") ?? headerLines(r.json.items[0].raw).join("\n")),
    );
    expect(verifyToken({ secret, purpose: "unsubscribe", token: unsub![1]! })).toBe(r.json.items[0].sendJobId);
  });

  test("a rep sees only their own mailboxes' messages, every signed link redacted in headers and in every part", async () => {
    const r = await f.call("GET", "/api/v1/outbox", { token: f.aRep.token });
    expect(r.status).toBe(200);
    expect(r.json.items.map((m: any) => m.mailboxId)).toEqual([repMailbox, repMailbox]);
    const encodings = new Set<string>();
    for (const m of r.json.items) {
      for (const e of m.raw.matchAll(/Content-Transfer-Encoding: (\S+)/gi)) encodings.add(e[1].toLowerCase());
      const parsed = await simpleParser(m.raw);
      const html = parsed.html as string;
      const decoded = [html, parsed.text ?? "", headerLines(m.raw).join("\n")].join("\n");
      expect(signedLinks(decoded)).toEqual([]);
      expect(signedLinks(m.raw.replace(/=\r?\n/g, ""))).toEqual([]);
      expect(html).toMatch(/\/t\/o\/redacted\.gif/);
      expect(html).toMatch(/\/t\/c\/redacted"/);
      expect(html).toMatch(/\/u\/redacted"/);
      expect(headerLines(m.raw).find((l) => l.startsWith("List-Unsubscribe:"))).toMatch(/\/u\/redacted>/);
      // Everything else is what was sent.
      expect(parsed.subject).toBe("Hi");
      expect(html.includes("您好") || html.includes("Hello there")).toBe(true);
    }
    expect([...encodings].sort()).toEqual(["base64", "quoted-printable"]);
  });

  test("a rep asking for another user's mailbox gets nothing", async () => {
    const r = await f.call("GET", `/api/v1/outbox?mailboxId=${ownerMailbox}`, { token: f.aRep.token });
    expect([r.status, r.json.items]).toEqual([200, []]);
  });
});
