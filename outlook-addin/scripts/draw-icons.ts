// Draws the add-in's PNG icons from one SVG with headless Chromium (run once; the PNGs are committed):
//   pnpm --filter @threadline/outlook-addin icons
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const SIZES = [16, 25, 32, 48, 64, 80, 128];
const out = fileURLToPath(new URL("../assets/", import.meta.url));

// A rounded square with a thread running through an envelope fold: reads at 16 px, detailed at 128 px.
const svg = (size: number) => `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 64 64">
  <rect x="2" y="2" width="60" height="60" rx="14" fill="#0f766e"/>
  <path d="M13 22h38v22a4 4 0 0 1-4 4H17a4 4 0 0 1-4-4z" fill="#ffffff"/>
  <path d="M13 22l19 14 19-14" fill="none" stroke="#0f766e" stroke-width="4" stroke-linejoin="round"/>
  <path d="M8 52c10-2 14-10 24-10s16 6 24 4" fill="none" stroke="#fbbf24" stroke-width="4" stroke-linecap="round"/>
</svg>`;

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg(size)}</body></html>`);
    await page.locator("svg").screenshot({ path: `${out}icon-${size}.png`, omitBackground: true });
    console.log(`assets/icon-${size}.png`);
  }
} finally {
  await browser.close();
}
