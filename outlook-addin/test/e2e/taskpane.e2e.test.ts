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
const backend = (method: string, path: string, body?: unknown) =>
  fetch(`${rig.backend.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${rig.backend.token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, json: (await r.json()) as any }));
/** Picks a template in the Templates tab and inserts it once it has rendered. */
async function insertTemplate(page: Page, name: RegExp) {
  await page.getByRole("option", { name }).click();
  const insert = page.getByRole("button", { name: "Insert template" });
  await expect.poll(() => insert.isEnabled(), { timeout: 10_000 }).toBe(true);
  await insert.click();
}

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
    await insertTemplate(page, /Gentle follow-up/);
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

  test("compose: the inserted template's pixel is appended at send, once; fetching it puts a labelled open on the card", async () => {
    const context = await rig.newContext({
      item: { kind: "compose", to: [people.carlos], subject: "", conversationId: "AAQkAD-conv-42" },
      signedIn: true,
    });
    const page = await rig.open(context, "compose");
    await page.getByRole("tab", { name: "Templates" }).click();
    await insertTemplate(page, /Gentle follow-up/);
    expect(await page.getByRole("checkbox", { name: "Track opens of this message" }).isChecked()).toBe(true);
    await page.getByText("Inserted “Gentle follow-up”. Opens will be tracked once you send it.").waitFor();
    await shot(page, "compose-tracked");

    // A second template in the same message: inserted, but no second pixel.
    await insertTemplate(page, /Seguimiento de cotización/);
    await page
      .getByText(/Inserted “Seguimiento de cotización \(Spanish\)”\. Opens of this message are already tracked/)
      .waitFor();
    const stub = await page.evaluate(() => ({
      inserted: (window as any).__threadlineTest.inserted as string[],
      appended: (window as any).__threadlineTest.appended as string[],
    }));
    expect(stub.inserted).toHaveLength(2);
    expect(stub.appended).toHaveLength(1);
    const pixel =
      /^<img src="(http:\/\/127\.0\.0\.1:\d+\/t\/o\/(tm_[0-9a-z]+)\.[\w-]+\.gif)" width="1" height="1" alt="" border="0" data-threadline-pixel="">$/.exec(
        stub.appended[0]!,
      );
    expect(pixel).not.toBeNull();
    const [, pixelUrl, trackedId] = pixel!;
    expect(new URL(pixelUrl!).origin).toBe(rig.backend.url);

    // The recipient's mail client loads the image.
    const image = await fetch(pixelUrl!, {
      headers: { "user-agent": "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)" },
    });
    expect([image.status, image.headers.get("content-type")]).toEqual([200, "image/gif"]);

    const opens = async () => {
      const card = await backend("GET", "/api/v1/card?email=carlos.garcia%40distribuciones-iberia.es");
      return (card.json.timeline as { type: string; payload: Record<string, unknown> }[]).filter((e) => e.type === "open");
    };
    await expect.poll(async () => (await opens()).length, { timeout: 10_000 }).toBe(1);
    expect((await opens())[0]!.payload).toMatchObject({ sendJobId: trackedId, label: "human", counted: true, sequenceId: null });

    // The pane's card shows it too (reopened: the contact tab loads the card afresh).
    await page.reload();
    await page.waitForSelector("html[data-threadline-ready=true]", { state: "attached" });
    // The timeline line and its "person" badge (the badge's tooltip also starts with "Opened", but is hidden).
    const carlos = card(page, "carlos.garcia@distribuciones-iberia.es");
    await carlos
      .getByText(/^Opened/)
      .filter({ visible: true })
      .first()
      .waitFor();
    await carlos.locator('button[data-label="human"]').first().waitFor();
    await shot(page, "compose-open-on-card");
    await context.close();
  });

  test("compose on an Outlook without append-on-send (Mailbox 1.8): the template goes in, the pane says opens are not tracked", async () => {
    const newcomer = { emailAddress: "nadia.haddad@new-buyer.example", displayName: "Nadia Haddad" };
    const context = await rig.newContext({
      item: { kind: "compose", to: [newcomer], subject: "" },
      mailboxVersion: "1.8",
      signedIn: true,
    });
    const page = await rig.open(context, "compose");
    await page.getByRole("tab", { name: "Templates" }).click();
    await insertTemplate(page, /Gentle follow-up/);
    await page
      .getByTestId("open-tracking")
      .getByText(/needs Mailbox requirement set 1\.9/)
      .waitFor();
    expect(await page.getByRole("checkbox", { name: "Track opens of this message" }).isDisabled()).toBe(true);
    await page
      .getByText(/Inserted “Gentle follow-up”\. Opens are not tracked: this Outlook cannot add a tracking pixel/)
      .waitFor();
    const stub = await page.evaluate(() => ({
      inserted: (window as any).__threadlineTest.inserted as string[],
      appended: (window as any).__threadlineTest.appended as string[],
    }));
    expect(stub.inserted).toHaveLength(1);
    expect(stub.appended).toEqual([]);
    // Nothing was recorded: no tracked message, so no contact was created for the new address either.
    expect((await backend("GET", "/api/v1/card?email=nadia.haddad%40new-buyer.example")).json.contact).toBeNull();
    await shot(page, "compose-untracked-1.8");
    await context.close();
  });

  test("add to sequence from the open message: the enrollment exists in the backend and continues the Outlook thread", async () => {
    const created = await backend("POST", "/api/v1/sequences", {
      name: "Outlook e2e follow-up",
      // Due in 3 business days: the backend's dispatcher (it runs in this backend) must not send the only step and
      // finish the enrollment before it is read below — it did when the test ran in the contact's business hours.
      steps: [
        {
          kind: "email",
          delayAmount: 3,
          config: { subject: "Following up", bodyHtml: "<p>Hi {{first_name}}, any news?</p>" },
        },
      ],
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
