// issue 15's "Done when" path in real Chromium, driven by accessible names only: an empty database → setup → sign
// out → a wrong password refused → sign in → … Screenshots of every screen go to test-artifacts/console/.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { screenshotDir, startConsoleRig, type ConsoleRig } from "./console-rig";

const OWNER = {
  workspace: "Bright Export Ltd.",
  name: "Mei Chen",
  email: "mei@bright-export.example",
  password: "lantern-harbour-42",
};

let rig: ConsoleRig;
let page: Page;
const shot = (name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });

beforeAll(async () => {
  rig = await startConsoleRig();
  page = await (await rig.newContext()).newPage();
});
afterAll(async () => {
  await rig?.close();
});

describe.sequential("the console, from an empty database", () => {
  test("/ on a fresh install shows the setup form; a weak password is refused next to the field", async () => {
    await page.goto("/");
    await expect.poll(() => page.url()).toMatch(/\/setup$/);
    await page.getByLabel("Workspace name").fill(OWNER.workspace);
    await page.getByLabel("Your name").fill(OWNER.name);
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill("password123");
    await page.getByRole("button", { name: /Create workspace/ }).click();
    await page.getByText("Password must not contain 'password'").waitFor();
    await shot("setup");
  });

  test("Create workspace signs the owner in to the console", async () => {
    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByRole("button", { name: /Create workspace/ }).click();
    const nav = page.getByRole("navigation", { name: "Console" });
    for (const name of ["Contacts", "Templates", "Sequences", "Mailboxes", "Team", "Analytics", "Settings"]) {
      await nav.getByRole("link", { name }).waitFor();
    }
    await page.getByText(OWNER.workspace).first().waitFor();
    // The session is an HttpOnly cookie; nothing is kept in page storage.
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
    const cookie = (await page.context().cookies()).find((c) => c.name.includes("session_token"));
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
  });

  test("a second setup is refused: /setup sends to sign-in, the API answers 409", async () => {
    const res = await rig.backend.request("/api/v1/setup", {
      method: "POST",
      body: JSON.stringify({ workspaceName: "Other", name: "X", email: "x@example.com", password: "another-long-one-9" }),
    });
    expect(res.status).toBe(409);
  });

  test("Sign out ends the session; the console then asks to sign in", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    await page.goto("/team");
    await expect.poll(() => page.url()).toMatch(/\/sign-in\?next=%2Fteam$/);
  });

  test("a wrong password is refused with an alert and no session", async () => {
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill("not-the-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/password/i);
    expect((await page.context().cookies()).some((c) => c.name.includes("session_token"))).toBe(false);
    await shot("sign-in-refused");
  });

  test("the right password signs in and returns to the page asked for", async () => {
    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Team", exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/team");
  });

  test("the rig's signed-in context (what the other console e2e files start from) opens a signed-in page", async () => {
    const other = await (await rig.signedInContext({ email: OWNER.email, password: OWNER.password })).newPage();
    await other.goto("/settings");
    await other.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Settings" }).waitFor();
    await other.getByText(OWNER.workspace).first().waitFor();
  });

  test("nothing left 127.0.0.1", () => {
    expect(rig.blocked).toEqual([]);
  });
});
