// The Templates page on the demo workspace in real Chromium: the list, a new template with a variable typed in the
// subject, saved through the API, and the server-rendered preview warning about a variable without a value.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { screenshotDir, startConsoleRig, type ConsoleRig } from "./console-rig";

let rig: ConsoleRig;
let page: Page;
const shot = (name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });

beforeAll(async () => {
  rig = await startConsoleRig({ seedDemo: true });
  page = await (await rig.signedInContext()).newPage();
});
afterAll(async () => {
  await rig?.close();
});

describe.sequential("templates", () => {
  test("the list shows the workspace's templates with a New template action", async () => {
    await page.goto("/templates");
    await page.getByRole("link", { name: "Quotation sent" }).waitFor();
    await page.getByRole("link", { name: "New template" }).waitFor();
    await shot("templates-list");
  });

  test("a new template is saved and its preview names the variable that has no value", async () => {
    await page.getByRole("link", { name: "New template" }).click();
    await page.getByLabel("Name").fill("E2E price list");
    await page.getByLabel("Subject").fill("Price list for {{company | your team}} — {{custom.port_of_loading}}");
    await page.getByRole("textbox", { name: "Body" }).click();
    await page.keyboard.type("Hello {{first_name | there}}, here is our FOB price list.");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/templates\/[^/]+$/);
    await page
      .getByText(/no value/)
      .first()
      .waitFor();
    expect(await page.getByRole("region", { name: /preview/i }).textContent()).toContain("port_of_loading");
    const stored = (await (await rig.backend.request("/api/v1/templates?q=E2E%20price")).json()) as {
      items: { name: string; subject: string }[];
    };
    expect(stored.items.map((t) => [t.name, t.subject])).toEqual([
      ["E2E price list", "Price list for {{company | your team}} — {{custom.port_of_loading}}"],
    ]);
    await page.getByText("Rendering…").waitFor({ state: "hidden" });
    await page
      .getByText(/no value/)
      .first()
      .waitFor();
    await shot("template-editor");
  });

  test("nothing left 127.0.0.1", () => {
    expect(rig.blocked).toEqual([]);
  });
});
