import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { trackedLinks } from "../db/schema";
import { verifyToken } from "../security/sign-token";
import { createTestApp, type TestApp } from "../testing/test-app";
import { instrumentHtml, type InstrumentHtmlInput } from "./instrument-html";

const secret = "test-signing-secret-0123456789abcdef";
const publicUrl = "https://track.example.com";
let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

function run(html: string, over: Partial<InstrumentHtmlInput> = {}) {
  return instrumentHtml(
    {
      html,
      sendJobId: "sj_test1",
      workspaceId: t.a.workspaceId,
      publicUrl,
      signingSecret: secret,
      trackOpens: true,
      trackClicks: true,
      ...over,
    },
    t.db,
  );
}

const links = () => t.db.select().from(trackedLinks).where(eq(trackedLinks.sendJobId, "sj_test1"));
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/gi)].map((m) => m[1]!.replace(/&amp;/g, "&"));
const ticketOf = (href: string) => verifyToken({ secret, purpose: "click", token: href.slice(`${publicUrl}/t/c/`.length) });

describe("instrumentHtml", () => {
  test("with a trackingUrl (TRACKING_PUBLIC_URL) pixel and tickets use it; links to either base stay as written", async () => {
    const trackingUrl = "https://t.example.net";
    const own = [`${publicUrl}/u/tok`, `${trackingUrl}/t/c/old`, `${publicUrl}/t/c/older`];
    const out = await run(
      `<html><body><a href="https://shop.example/">shop</a>${own.map((h) => `<a href="${h}">x</a>`).join("")}</body></html>`,
      { trackingUrl },
    );
    const [shop, ...rest] = hrefs(out);
    expect(shop!.startsWith(`${trackingUrl}/t/c/`)).toBe(true);
    expect(verifyToken({ secret, purpose: "click", token: shop!.slice(`${trackingUrl}/t/c/`.length) })).toBe(
      (await links())[0]!.id,
    );
    expect(rest).toEqual(own);
    expect(out).toMatch(new RegExp(`<img src="${trackingUrl}/t/o/[^"]+\\.gif"`));
  });

  test("rewrites http(s) links to signed tickets whose rows hold the destination with UTM added", async () => {
    const out = await run(
      '<p>See <a href="https://shop.example/pricing?x=1&amp;y=2">prices</a> and <a href="http://b.example/">b</a></p>',
      {
        utm: { utm_source: "threadline", utm_campaign: "spring" },
        buyingSignalUrls: ["https://shop.example/pricing"],
      },
    );
    const rows = await links();
    expect(rows).toHaveLength(2);
    const [first, second] = hrefs(out);
    const a = rows.find((r) => r.id === ticketOf(first!))!;
    const b = rows.find((r) => r.id === ticketOf(second!))!;
    expect(a.url).toBe("https://shop.example/pricing?x=1&y=2&utm_source=threadline&utm_campaign=spring");
    expect(a.buyingSignal).toBe(true);
    expect(b.url).toBe("http://b.example/?utm_source=threadline&utm_campaign=spring");
    expect(b.buyingSignal).toBe(false);
    expect(a.workspaceId).toBe(t.a.workspaceId);
    // Text around the links is untouched.
    expect(out).toContain("<p>See <a href=");
    expect(out).toContain(">prices</a> and <a href=");
  });

  test("destinations are stored normalised (WHATWG): a wrapped href, backslashes; a control character is left untracked", async () => {
    const out = await run(
      '<a href="https://example.com/a\nb">wrapped</a><a href="https:\\\\example.net">slashes</a><a href="https://x.example/\u0001">ctl</a>',
      { trackOpens: false },
    );
    expect((await links()).map((l) => l.url).sort()).toEqual(["https://example.com/ab", "https://example.net/"]);
    expect(hrefs(out)[2]).toBe("https://x.example/\u0001");
  });

  test("a link marked data-buying-signal in the template is a buying signal", async () => {
    await run(
      '<a data-buying-signal href="https://shop.example/quote">Get a quote</a> <a href="https://shop.example/blog">blog</a>',
      {
        trackOpens: false,
      },
    );
    const rows = await links();
    expect(Object.fromEntries(rows.map((r) => [r.url, r.buyingSignal]))).toEqual({
      "https://shop.example/quote": true,
      "https://shop.example/blog": false,
    });
  });

  test("an existing utm parameter in a link is kept", async () => {
    await run('<a href="https://a.example/?utm_source=newsletter">x</a>', {
      utm: { utm_source: "threadline", utm_medium: "email" },
    });
    expect((await links())[0]!.url).toBe("https://a.example/?utm_source=newsletter&utm_medium=email");
  });

  test.each([
    ["mailto", '<a href="mailto:sales@example.com">mail</a>'],
    ["tel", '<a href="tel:+4930123">call</a>'],
    ["anchor", '<a href="#top">top</a>'],
    ["our unsubscribe route", `<a href="${publicUrl}/u/abc.def">Unsubscribe</a>`],
    ["a third-party unsubscribe URL", '<a href="https://list.example/unsubscribe?id=1">stop</a>'],
    ["data-unsubscribe attribute", '<a data-unsubscribe href="https://x.example/stop">Abmelden</a>'],
    ["data-no-track attribute", '<a data-no-track href="https://x.example/">x</a>'],
    ["javascript:", '<a href="javascript:alert(1)">x</a>'],
    ["relative link", '<a href="/path">x</a>'],
    ["an a without href", "<a name=top>x</a>"],
  ])("leaves %s alone", async (_name, html) => {
    const out = await run(html, { trackOpens: false });
    expect(out).toBe(html);
    expect(await links()).toHaveLength(0);
  });

  test("the same destination twice shares one ticket; unquoted and upper-case attributes are handled", async () => {
    const out = await run('<A HREF=https://a.example/x>one</A> <a href="https://a.example/x">two</a>', { trackOpens: false });
    const [one, two] = hrefs(out);
    expect(one).toBe(two);
    expect(await links()).toHaveLength(1);
  });

  test("a href is not rewritten inside comments or text that merely looks like a tag", async () => {
    const html = '<!-- <a href="https://hidden.example">x</a> --><p>write &lt;a href="https://text.example"&gt;</p>';
    const out = await run(html, { trackOpens: false });
    expect(out).toBe(html);
    expect(await links()).toHaveLength(0);
  });

  test("the pixel goes before </body> in a full document, with a valid open token for the send", async () => {
    const out = await run("<html><head></head><body><p>Hi</p></body></html>", { trackClicks: false });
    const m =
      /<img src="https:\/\/track\.example\.com\/t\/o\/([^"]+)\.gif" width="1" height="1" alt=""[^>]*><\/body><\/html>$/.exec(out);
    expect(m).not.toBeNull();
    expect(verifyToken({ secret, purpose: "open", token: m![1]! })).toBe("sj_test1");
  });

  test("the pixel is appended to a fragment", async () => {
    const out = await run("<p>Hi</p>", { trackClicks: false });
    expect(out).toMatch(/^<p>Hi<\/p><img src="https:\/\/track\.example\.com\/t\/o\/sj_test1\.[^"]+\.gif"/);
  });

  test("both switches off: HTML unchanged, no rows", async () => {
    const html = '<p><a href="https://a.example">a</a></p>';
    expect(await run(html, { trackOpens: false, trackClicks: false })).toBe(html);
    expect(await links()).toHaveLength(0);
  });

  test("click tracking off: links untouched, pixel still added", async () => {
    const out = await run('<a href="https://a.example/">a</a>', { trackClicks: false });
    expect(out.startsWith('<a href="https://a.example/">a</a><img')).toBe(true);
    expect(await links()).toHaveLength(0);
  });

  test("rows are written in the caller's transaction: a rollback leaves none", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await instrumentHtml(
          {
            html: '<a href="https://b.example/">b</a>',
            sendJobId: "sj_test1",
            workspaceId: t.a.workspaceId,
            publicUrl,
            signingSecret: secret,
            trackOpens: false,
            trackClicks: true,
          },
          tx,
        );
        throw new Error("send failed");
      }),
    ).rejects.toThrow("send failed");
    expect(await links()).toHaveLength(0);
  });
});
