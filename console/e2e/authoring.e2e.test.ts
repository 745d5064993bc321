// Authoring in real Chromium on the demo workspace: a template with a variable and a fallback, its server preview
// naming a variable without a value, a two-step sequence built from it (3-business-day wait, company-wide stop, a
// hand-off threshold), activated; then, with an enrollment in flight, an edit shows what happens before saving.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { screenshotDir, startConsoleRig, type ConsoleRig } from "./console-rig";

let rig: ConsoleRig;
let page: Page;
const shot = (name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
let sequenceId = "";

beforeAll(async () => {
  rig = await startConsoleRig({ seedDemo: true });
  page = await (await rig.signedInContext()).newPage();
});
afterAll(async () => {
  await rig?.close();
});

describe.sequential("authoring", () => {
  test("a template with a variable and a fallback; the preview names the variable with no value", async () => {
    await page.goto("/templates/new");
    await page.getByLabel("Name").fill("Authoring intro");
    await page.getByLabel("Subject").fill("Samples for {{company.name | your team}}");
    await page.getByRole("textbox", { name: "Body" }).click();
    await page.keyboard.type("Hi ");
    await page.getByRole("button", { name: "Insert variable" }).click();
    await page.getByRole("button", { name: "First name" }).click();
    await page.keyboard.type(", your {{custom.port_of_loading}} quote is ready.");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toMatch(/^\/templates\/tp_/);
    const warning = page.getByRole("alert").filter({ hasText: "no value" });
    await warning.waitFor();
    expect(await warning.textContent()).toContain("custom.port_of_loading");
    const stored = (await (await rig.backend.request("/api/v1/templates?q=Authoring")).json()) as {
      items: { bodyHtml: string }[];
    };
    expect(stored.items[0]?.bodyHtml).toContain("{{first_name | there}}");
  });

  test("a two-step sequence from it: 3 business days, company-wide stop, hand-off after 2 opens; activated", async () => {
    await page.goto("/sequences");
    await page.getByRole("link", { name: "New sequence" }).first().click();
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Authoring outreach");
    const step1 = page.getByRole("listitem", { name: "Step 1" });
    await step1.getByLabel("Template").selectOption({ label: "Authoring intro" });
    await page.getByRole("button", { name: "Add step" }).click();
    const step2 = page.getByRole("listitem", { name: "Step 2" });
    await step2.getByLabel("Template").selectOption({ label: "Authoring intro" });
    await step2.getByLabel("Wait after the previous step").fill("3");
    await page.getByLabel("Stop everyone at the company when anyone there replies").check();
    await page.getByLabel(/Hand off after this many human opens/).fill("2");
    await page.getByRole("button", { name: "Save as draft" }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toMatch(/^\/sequences\/sq/);
    sequenceId = new URL(page.url()).pathname.split("/")[2]!;
    await page.getByRole("button", { name: "Activate" }).click();
    await page.getByRole("button", { name: "Pause" }).waitFor();
    const s = (await (await rig.backend.request(`/api/v1/sequences/${sequenceId}`)).json()) as any;
    expect([s.status, s.steps.length, s.steps[1].delayAmount, s.steps[1].delayUnit]).toEqual(["active", 2, 3, "business_days"]);
    expect([s.settings.stopRules.stopCompanyOnReply, s.settings.handoff.humanOpensAtLeast]).toEqual([true, 2]);
    await shot("sequence-builder");
  });

  test("editing it with an enrollment in flight shows what happens before saving", async () => {
    const mailbox = (await (
      await rig.backend.request("/api/v1/mailboxes", json({ kind: "outbox", email: "demo.owner@threadline.example" }))
    ).json()) as any;
    // The template needs custom.port_of_loading: the engine refuses to enrol a contact without it.
    const li = ((await (await rig.backend.request("/api/v1/contacts?q=li.wei")).json()) as any).items[0];
    await rig.backend.request(`/api/v1/contacts/${li.id}`, {
      ...json({ customFields: { port_of_loading: "Shenzhen" } }),
      method: "PATCH",
    });
    const enrol = await rig.backend.request(
      "/api/v1/enrollments",
      json({ sequenceId, emails: ["li.wei@shenzhen-bright.cn"], mailboxId: mailbox.id, override: true }),
    );
    expect([enrol.status, await enrol.text()]).toEqual([201, expect.any(String)]);
    await page.reload();
    await page.getByText("1 active").waitFor();
    await page.getByRole("listitem", { name: "Step 2" }).getByLabel("Wait after the previous step").fill("5");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: /running sequence/ });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("1 enrollment is in flight");
    await shot("sequence-edit-preview");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.waitFor({ state: "hidden" });
    const s = (await (await rig.backend.request(`/api/v1/sequences/${sequenceId}`)).json()) as any;
    expect(s.steps[1].delayAmount).toBe(5);
    await page.goto("/sequences");
    await page.getByRole("link", { name: "Authoring outreach" }).waitFor();
    await shot("sequences-list");
  });

  test("nothing left 127.0.0.1", () => {
    expect(rig.blocked).toEqual([]);
  });
});
