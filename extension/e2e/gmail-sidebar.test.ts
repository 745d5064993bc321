// End to end: the BUILT extension in real headless Chromium, the REAL backend on 127.0.0.1, a Gmail-like page
// served as https://mail.google.com with Gmail's Trusted Types header. Screenshots go to test-artifacts/gmail-e2e/.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { FixtureThread } from "./gmail-fixture";
import { ensureExtensionBuilt, extensionIdFromManifest, launchExtensionBrowser } from "./launch-extension-browser";
import { type GmailFixture, serveGmailFixture } from "./serve-gmail-fixture";
import { type RunningBackend, startBackend } from "./start-backend";

const TOKEN = "tl_e2e_demo_token_0123456789abcdef";
const ME = { email: "demo.owner@threadline.example", name: "Demo Owner" };
const LI = { email: "li.wei@shenzhen-bright.cn", name: "Li Wei" };
const HANNAH = { email: "h.schmidt@rheinmetall-parts.de", name: "Hannah Schmidt" };
const OLIVIA = { email: "olivia.brandt@nordwind-logistik.de", name: "Olivia Brandt" };
const artifacts = fileURLToPath(new URL("../../test-artifacts/gmail-e2e/", import.meta.url));

const thread = (id: string, subject: string, from: typeof LI): FixtureThread => ({
  id,
  subject,
  messages: [
    { id: `${id}1`, from, to: [ME], body: "Could you send a quotation for 2,000 units?" },
    { id: `${id}2`, from: ME, to: [from], body: "Sure, I will come back to you today." },
  ],
});
const threads = {
  FMfcgzLi: thread("1790000000000000100", "LED panels for Shenzhen", LI),
  FMfcgzHannah: thread("1790000000000000200", "Bremsscheiben Anfrage", HANNAH),
  FMfcgzOlivia: thread("1790000000000000300", "Logistics partnership", OLIVIA),
};

let backend: RunningBackend;
let fixture: GmailFixture;
let browser: { context: BrowserContext; close(): Promise<void> };
let page: Page;
let extensionId: string;
const foreignRequests: string[] = [];

const sidebar = () => page.locator("[data-threadline-sidebar]");
const card = (email: string) => page.locator(`[data-testid="card"][data-email="${email}"]`);
const shot = (name: string) => page.screenshot({ path: `${artifacts}${name}.png` });

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  ensureExtensionBuilt();
  extensionId = extensionIdFromManifest();
  backend = await startBackend({ token: TOKEN, corsOrigins: [`chrome-extension://${extensionId}`] });
  fixture = await serveGmailFixture({ user: ME.email, threads, composeTo: [LI] });
  browser = await launchExtensionBrowser({ fixturePort: fixture.port });
  browser.context.on("request", (r) => {
    const url = new URL(r.url());
    if (
      !["chrome-extension:", "data:", "blob:"].includes(url.protocol) &&
      url.host !== "mail.google.com" &&
      url.hostname !== "127.0.0.1"
    ) {
      foreignRequests.push(r.url());
    }
  });
});

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
  await backend?.dispose();
});

describe("Threadline sidebar in Gmail", () => {
  test("options page: clear errors for a bad token and a wrong URL, then signs in", async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByLabel("Backend URL").fill(backend.url);
    await options.getByLabel("API token").fill("tl_wrong_token_wrong_token_wrong");
    await options.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => options.getByRole("alert").textContent()).toMatch(/refused this API token/);

    await options.getByLabel("Backend URL").fill("http://127.0.0.1:9");
    await options.getByLabel("API token").fill(TOKEN);
    await options.getByRole("button", { name: "Test connection" }).click();
    await expect.poll(() => options.getByRole("alert").textContent()).toMatch(/No Threadline server answers/);

    await options.getByLabel("Backend URL").fill(backend.url);
    await options.getByLabel("API token").fill(TOKEN);
    await options.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => options.getByTestId("options-status").textContent()).toMatch(/^Signed in/);
    await options.screenshot({ path: `${artifacts}00-options.png` });
    await options.close();
  });

  test("open thread → card of the demo contact", async () => {
    page = await browser.context.newPage();
    await page.goto("https://mail.google.com/mail/u/0/#inbox/FMfcgzLi");
    await card(LI.email).waitFor();
    expect(await sidebar().getAttribute("data-threadline-sidebar")).toBe("open");
    expect(await card(LI.email).getByTestId("contact-name").textContent()).toMatch(/Wei Li|Li Wei/);
    expect(await card(LI.email).getByTestId("local-time").textContent()).toContain("Asia/Shanghai");
    await shot("01-card-li-wei");
  });

  test("switching threads → the card follows", async () => {
    await page.evaluate(() => (location.hash = "#inbox/FMfcgzHannah"));
    await card(HANNAH.email).waitFor();
    expect(await card(HANNAH.email).getByTestId("contact-name").textContent()).toContain("Hannah Schmidt");
    expect(await card(LI.email).count()).toBe(0);
  });

  test("keys typed in the sidebar never reach Gmail's shortcuts", async () => {
    const input = sidebar().getByLabel("Add tag");
    await input.click();
    await page.keyboard.type("c");
    expect(await input.inputValue()).toBe("c");
    expect(await page.evaluate(() => (window as unknown as { fixture: { shortcuts: number } }).fixture.shortcuts)).toBe(0);
    // The counter itself works: the same key outside the sidebar is a shortcut.
    await page.locator('div[role="main"]').click();
    await page.keyboard.press("c");
    expect(await page.evaluate(() => (window as unknown as { fixture: { shortcuts: number } }).fixture.shortcuts)).toBe(1);
  });

  test("unknown sender → create contact in one click, stage edited inline", async () => {
    await page.evaluate(() => (location.hash = "#inbox/FMfcgzOlivia"));
    await card(OLIVIA.email).waitFor();
    await shot("02-unknown-sender");
    await sidebar().getByRole("button", { name: "Create contact" }).click();
    const stage = sidebar().getByLabel("Stage");
    await stage.waitFor();
    const found = (await (await backend.request(`/api/v1/contacts?q=${encodeURIComponent(OLIVIA.email)}`)).json()) as {
      items: { id: string; email: string; firstName: string | null; stage: string }[];
    };
    expect(found.items.map((c) => [c.email, c.firstName])).toEqual([[OLIVIA.email, "Olivia"]]);
    await stage.selectOption("qualified");
    await expect
      .poll(
        async () => ((await (await backend.request(`/api/v1/contacts/${found.items[0]!.id}`)).json()) as { stage: string }).stage,
      )
      .toBe("qualified");
  });

  test("compose → template inserted at the caret with variables filled", async () => {
    await page.evaluate(() => (location.hash = "#inbox/FMfcgzLi"));
    await card(LI.email).waitFor();
    await page.evaluate(() => (window as unknown as { fixture: { openReply(): void } }).fixture.openReply());
    // Caret at the start of the "Best" line of the reply.
    const body = page.locator('div[g_editable="true"]');
    await body
      .locator("div")
      .nth(2)
      .click({ position: { x: 1, y: 5 } });
    await page.keyboard.press("Home");
    await sidebar().getByRole("tab", { name: "Templates" }).click();
    await sidebar().getByLabel("Search templates").fill("trade show");
    await sidebar()
      .getByRole("option", { name: /trade show follow-up/ })
      .click();
    await expect.poll(() => sidebar().getByTestId("preview-body").textContent()).toContain("Hi Wei,");
    await shot("03-template-preview");
    await sidebar().getByRole("button", { name: "Insert template" }).click();
    await expect.poll(() => body.textContent()).toContain("Thank you for stopping by our booth");
    const text = (await body.textContent())!;
    expect(text.indexOf("Hi,")).toBeLessThan(text.indexOf("Hi Wei,"));
    expect(text.indexOf("Hi Wei,")).toBeLessThan(text.lastIndexOf("Best"));
    expect(text).not.toContain("{{");
  });

  test("keyboard path: ';;' in the compose body opens the picker; missing variable → blocking warning, filled, inserted", async () => {
    const body = page.locator('div[g_editable="true"]');
    await body.click();
    await page.keyboard.press("End");
    await page.keyboard.type(";;");
    await expect
      .poll(() =>
        page.evaluate(() =>
          document.getElementById("threadline-sidebar-host")?.shadowRoot?.activeElement?.getAttribute("aria-label"),
        ),
      )
      .toBe("Search templates");
    expect(await body.textContent()).not.toContain(";;");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("quotation");
    await page.keyboard.press("ArrowDown");
    expect(
      await sidebar()
        .getByRole("option", { name: /Quotation sent/ })
        .getAttribute("aria-selected"),
    ).toBe("true");
    const warning = sidebar().getByTestId("missing-variables");
    await warning.waitFor();
    expect(await warning.textContent()).toContain("quote_number");
    expect(await sidebar().getByRole("button", { name: "Insert template" }).isDisabled()).toBe(true);
    await shot("04-missing-variable");
    await sidebar().getByLabel("Value for quote_number").fill("Q-2026-117");
    await sidebar().getByRole("button", { name: "Apply values" }).click();
    await expect.poll(() => sidebar().getByTestId("preview-body").textContent()).toContain("Q-2026-117");
    await sidebar().getByRole("button", { name: "Insert template" }).click();
    await expect.poll(() => page.locator('div[g_editable="true"]').textContent()).toContain("Q-2026-117");
  });

  test("add to sequence → status shows and the backend has the enrollment", async (ctx) => {
    const probe = await backend.request("/api/v1/sequences");
    if (probe.status === 404) {
      console.warn("sequences API not in this backend yet: add-to-sequence check skipped");
      ctx.skip();
    }
    const existing = (await probe.json()) as { items?: unknown[] };
    if (!existing.items?.length) {
      const created = await backend.request("/api/v1/sequences", {
        method: "POST",
        body: JSON.stringify({
          name: "E2E follow-up",
          steps: [
            {
              kind: "email",
              delayAmount: 0,
              config: { subject: "Hello {{first_name | there}}", bodyHtml: "<p>Hi {{first_name | there}}</p>" },
            },
            { kind: "email", delayAmount: 2, config: { subject: "Following up", bodyHtml: "<p>Any news?</p>" } },
          ],
        }),
      });
      expect(created.status).toBe(201);
    }
    await sidebar().getByRole("tab", { name: "Sequences" }).click();
    await sidebar().getByRole("button", { name: "Add to sequence" }).click();
    await sidebar().getByTestId("enrollment").first().waitFor();
    expect(await sidebar().getByTestId("enrollment-step").first().textContent()).toMatch(/Step \d+ of \d+/);
    const contact = (
      (await (await backend.request(`/api/v1/contacts?q=${encodeURIComponent(LI.email)}`)).json()) as { items: { id: string }[] }
    ).items[0]!;
    const enrollments = (await (await backend.request(`/api/v1/enrollments?contactId=${contact.id}`)).json()) as {
      items: unknown[];
    };
    expect(enrollments.items.length).toBeGreaterThan(0);
    expect(await sidebar().getByTestId("next-send").first().textContent()).toMatch(/your time.*their time/);
    await shot("05-sequence");
    await sidebar().getByRole("button", { name: "Pause" }).click();
    await sidebar().locator('[data-testid="enrollment"][data-state="paused"]').waitFor();
    const [first] = (
      (await (await backend.request(`/api/v1/enrollments?contactId=${contact.id}`)).json()) as { items: { state: string }[] }
    ).items;
    expect(first?.state).toBe("paused");
  });

  test("Analytics tab → an iframe of the extension's analytics page draws the sequence's charts", async () => {
    await sidebar().getByRole("tab", { name: "Analytics" }).click();
    const iframe = sidebar().locator('iframe[title="Threadline analytics"]');
    expect(await iframe.getAttribute("src")).toBe(`chrome-extension://${extensionId}/tabs/analytics.html`);
    const frame = iframe.contentFrame();
    await frame.getByRole("heading", { level: 2, name: /· last 30 days$/ }).waitFor();
    await frame.getByRole("heading", { name: "Funnel per step" }).waitFor();
    await shot("05b-analytics");
    await sidebar().getByRole("tab", { name: "Contact" }).click();
  });

  test("backend stopped → the cached card with an offline badge", async () => {
    await backend.stop();
    await page.reload();
    await card(LI.email).waitFor();
    await sidebar().getByTestId("offline-badge").waitFor();
    expect(await card(LI.email).getByTestId("contact-name").textContent()).toMatch(/Wei Li|Li Wei/);
    expect(await card(LI.email).getByTestId("owner").textContent()).not.toBe("unknown");
    await shot("06-offline");
  });

  test("collapsed state is remembered across page loads", async () => {
    await sidebar().getByRole("button", { name: "Collapse Threadline sidebar" }).click();
    await page.locator('[data-threadline-sidebar="collapsed"]').waitFor();
    await page.reload();
    await page.locator('[data-threadline-sidebar="collapsed"]').waitFor();
    await sidebar().getByRole("button", { name: "Open Threadline sidebar" }).click();
    await page.locator('[data-threadline-sidebar="open"]').waitFor();
  });

  test("no request left the machine", () => {
    expect(foreignRequests.join("\n")).toBe("");
  });
});
