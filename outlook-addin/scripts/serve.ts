// `pnpm start` (root) runs this beside the backend: the built pane over HTTPS for sideloading, plus a manifest for
// exactly this URL. https://127.0.0.1:3443 by default (ADDIN_PORT, ADDIN_HOST, ADDIN_PUBLIC_URL).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { addinEnv } from "../server/addin-env";
import { loadCertificate } from "../server/load-certificate";
import { startAddinServer } from "../server/start-addin-server";
import { writeManifest } from "./manifest";

const distDir = fileURLToPath(new URL("../dist", import.meta.url));
if (!existsSync(`${distDir}/taskpane.html`)) {
  console.error("The pane is not built yet: run `pnpm build` first (root `pnpm start` does it).");
  process.exit(1);
}
const certificate = await loadCertificate({
  dataDir: addinEnv.ADDIN_DATA_DIR,
  certFile: addinEnv.ADDIN_TLS_CERT,
  keyFile: addinEnv.ADDIN_TLS_KEY,
});
const server = await startAddinServer({
  distDir,
  certificate,
  backendUrl: addinEnv.ADDIN_BACKEND_URL,
  port: addinEnv.ADDIN_PORT,
  host: addinEnv.ADDIN_HOST,
});
const publicUrl = addinEnv.ADDIN_PUBLIC_URL ?? server.url;
const manifestPath = writeManifest({ url: publicUrl, out: `${distDir}/manifest.xml` });
console.log(`Threadline Outlook add-in served on ${server.url}  (API forwarded to ${addinEnv.ADDIN_BACKEND_URL})`);
console.log(`  task pane:  ${publicUrl}/taskpane.html?mode=read`);
console.log(`  manifest:   ${manifestPath}  (also at ${publicUrl}/manifest.xml)`);
console.log(
  `  TLS cert:   ${certificate.certPath}${certificate.generated ? " (self-signed, generated now)" : ""} — trust it once, see the README's sideloading steps`,
);

function shutdown() {
  void server.close().then(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
