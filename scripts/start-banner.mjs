// Printed by `pnpm start` after the build: the console's URL first, then where the built extension and add-in are.
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// The same variables (and defaults) the backend and the add-in server read.
const backend = process.env.PUBLIC_URL || `http://127.0.0.1:${process.env.PORT || 8787}`;
const addin = process.env.ADDIN_PUBLIC_URL || `https://127.0.0.1:${process.env.ADDIN_PORT || 3443}`;
console.log(`
Threadline — built. Starting the backend and the Outlook add-in server …
  Console:          ${backend}/   ← open this in a browser: first run creates your workspace, then sign in
  Gmail extension:  chrome://extensions → Developer mode → Load unpacked → ${root}extension/build/chrome-mv3-prod
                    then open its options: Backend URL ${backend}, API token = the demo token printed below
  Outlook add-in:   pane and manifest served at ${addin} (manifest: ${root}outlook-addin/dist/manifest.xml)
  Backend:          ${backend} (the demo API token is printed by the backend below)
`);
