// Builds the task pane into dist/: one JS bundle (esbuild, React's automatic JSX), Tailwind v3 CSS, the static
// pages and icons, and a manifest for the default local URL (serve.ts rewrites it for its real URL).
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { addinEnv } from "../server/addin-env";
import { writeManifest } from "./manifest";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = `${root}dist`;
const started = Date.now();
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: [`${root}src/taskpane/main.tsx`],
  outfile: `${dist}/taskpane.js`,
  bundle: true,
  minify: true,
  sourcemap: "linked",
  format: "iife",
  // Outlook's web views: Edge WebView2 (Windows), WKWebView (Mac/iOS), Chromium-based browsers.
  target: ["es2020", "chrome100", "safari15"],
  jsx: "automatic",
  define: {
    "process.env.NODE_ENV": '"production"',
    __ENTRA_CLIENT_ID__: JSON.stringify(addinEnv.ADDIN_ENTRA_CLIENT_ID ?? ""),
    __ENTRA_AUTHORITY__: JSON.stringify(addinEnv.ADDIN_ENTRA_AUTHORITY ?? ""),
    __ENTRA_API_SCOPE__: JSON.stringify(addinEnv.ADDIN_ENTRA_API_SCOPE ?? ""),
  },
  logLevel: "warning",
});

const require = createRequire(import.meta.url);
const tailwind = require.resolve("tailwindcss/lib/cli.js");
execFileSync(
  process.execPath,
  [
    tailwind,
    "-c",
    `${root}tailwind.config.cjs`,
    "-i",
    `${root}src/taskpane/styles.css`,
    "-o",
    `${dist}/taskpane.css`,
    "--minify",
  ],
  { cwd: root, stdio: ["ignore", "ignore", "inherit"] },
);

cpSync(`${root}public`, dist, { recursive: true });
cpSync(`${root}assets`, `${dist}/assets`, { recursive: true });
const manifest = writeManifest({ url: `https://127.0.0.1:${addinEnv.ADDIN_PORT}`, out: `${dist}/manifest.xml` });

const kb = (f: string) => `${(statSync(`${dist}/${f}`).size / 1024).toFixed(1)} KB`;
console.log(
  `outlook-addin built in ${Date.now() - started} ms: dist/taskpane.js ${kb("taskpane.js")}, dist/taskpane.css ${kb("taskpane.css")}, ${manifest}`,
);
