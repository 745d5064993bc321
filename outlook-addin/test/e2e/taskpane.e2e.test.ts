// The built task pane in headless Chromium with the Office stub and the REAL backend on 127.0.0.1.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { people, readItem, startPaneRig, type PaneRig } from "./open-pane";

const artifacts = fileURLToPath(new URL("../../../test-artifacts/outlook-addin/", import.meta.url));
mkdirSync(artifacts, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });

let rig: PaneRig;
beforeAll(async () => {
  rig = await startPaneRig();
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

const card = (page: Page, email: string) => page.locator(`[data-testid=card][data-email="${email}"]`);

describe("Outlook task pane (built) against the real backend", () => {
  test("sign in with backend URL + API token, then read mode shows the sender's card", async () => {
    const context = await rig.newContext({ item: readItem(people.liWei, 1) });
    const page = await rig.open(context, "read");
    await expect(page.getByLabel("Backend URL").inputValue()).resolves.toBe(rig.server.url);
    await page.getByLabel("API token").fill("tl_wrong_token_000000000000");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toMatch(/token/i);

    await page.getByLabel("API token").fill(rig.backend.token);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await card(page, "li.wei@shenzhen-bright.cn").waitFor();
    expect(await page.getByTestId("contact-name").textContent()).toContain("Wei Li");
    await shot(page, "read-card");
    await context.close();
  });

  test("pinned pane: switching items makes the card follow; a null item shows the empty state", async () => {
    const context = await rig.newContext({ item: readItem(people.liWei, 1), signedIn: true });
    const page = await rig.open(context, "read");
    await card(page, "li.wei@shenzhen-bright.cn").waitFor();

    await page.evaluate((item) => (window as any).__threadlineTest.select(item), readItem(people.carlos, 2));
    await card(page, "carlos.garcia@distribuciones-iberia.es").waitFor();
    expect(await page.getByTestId("contact-name").textContent()).toContain("Carlos");
    await shot(page, "switched-card");

    await page.evaluate(() => (window as any).__threadlineTest.select(null));
    await page.getByText("Open an email to see who wrote it.").waitFor();
    expect(await page.locator("[data-testid=card]").count()).toBe(0);
    await shot(page, "null-item");
    await context.close();
  });

  test("compose: a template is inserted at the cursor with the recipient's variables filled", async () => {
    const context = await rig.newContext({
      item: { kind: "compose", to: [people.liWei], subject: "" },
      signedIn: true,
    });
    const page = await rig.open(context, "compose");
    await page.getByRole("tab", { name: "Templates" }).click();
    await page.getByRole("option", { name: /Gentle follow-up/ }).click();
    const insert = page.getByRole("button", { name: "Insert template" });
    await expect.poll(() => insert.isEnabled(), { timeout: 10_000 }).toBe(true);
    await insert.click();
    await page.getByText(/Inserted “Gentle follow-up”/).waitFor();
    const inserted = await page.evaluate(() => (window as any).__threadlineTest.inserted as string[]);
    expect(inserted).toHaveLength(1);
    expect(inserted[0]).toContain("Hi Wei,");
    expect(inserted[0]).not.toContain("{{");
    const subjects = await page.evaluate(() => (window as any).__threadlineTest.subjects as string[]);
    expect(subjects).toEqual(["Following up"]);
    await shot(page, "compose-inserted");
    await context.close();
  });

  test("add to sequence from the open message: the enrollment exists in the backend and continues the Outlook thread", async () => {
    const backend = (method: string, path: string, body?: unknown) =>
      fetch(`${rig.backend.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${rig.backend.token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, json: (await r.json()) as any }));
    const created = await backend("POST", "/api/v1/sequences", {
      name: "Outlook e2e follow-up",
      steps: [{ kind: "email", config: { subject: "Following up", bodyHtml: "<p>Hi {{first_name}}, any news?</p>" } }],
    });
    expect(created.status).toBe(201);
    const sequenceId = (created.json.id ?? created.json.sequence?.id) as string;
    const cardRes = await backend("GET", "/api/v1/card?email=li.wei%40shenzhen-bright.cn");
    const contactId = cardRes.json.contact.id as string;

    const item = readItem(people.liWei, 7);
    const context = await rig.newContext({ item, signedIn: true });
    const page = await rig.open(context, "read");
    await card(page, "li.wei@shenzhen-bright.cn").waitFor();
    await page.getByRole("tab", { name: "Sequences" }).click();
    await page.getByLabel("Sequence", { exact: true }).selectOption(sequenceId);
    await page.getByRole("button", { name: "Add to sequence" }).click();
    await page.getByText(/Added to “Outlook e2e follow-up”/).waitFor();
    await shot(page, "enrolled");

    const list = await backend("GET", `/api/v1/enrollments?contactId=${contactId}`);
    expect(list.status).toBe(200);
    const enrollments = list.json.items as { sequenceId: string; state: string; thread: Record<string, unknown> }[];
    expect(enrollments).toHaveLength(1);
    expect(enrollments[0]).toMatchObject({ sequenceId, state: "active" });
    expect(enrollments[0]!.thread).toMatchObject({
      conversationId: "AAQkAD-conv-7",
      providerMessageId: "AAMkAD-item-7",
      messageId: "<msg-7@shenzhen-bright.cn>",
    });
    await context.close();
  });

  test("no request left the machine", () => {
    expect(rig.blocked).toEqual([]);
  });
});
