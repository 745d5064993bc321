// Printed by `pnpm start` after the build: where the built extension and add-in are and how to load them.
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
console.log(`
Threadline — built. Starting the backend and the Outlook add-in server …
  Gmail extension:  chrome://extensions → Developer mode → Load unpacked → ${root}extension/build/chrome-mv3-prod
                    then open its options: Backend URL http://127.0.0.1:8787, API token = the demo token printed below
  Outlook add-in:   pane and manifest served at https://127.0.0.1:3443 (manifest: ${root}outlook-addin/dist/manifest.xml)
  Backend:          http://127.0.0.1:8787 (the demo API token is printed by the backend below)
`);
