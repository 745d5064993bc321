// Browser tests drive Debian's Chromium (never a downloaded browser). Installs it when missing and we are root
// (CI, a fresh machine); otherwise says exactly what to run.
import { execSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const bin = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(bin)) {
  if (process.getuid?.() === 0) {
    console.log("Chromium not found: installing Debian's chromium package (needed by the browser tests) …");
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
  } else {
    console.error(`Chromium not found at ${bin}. Install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
}

// The Outlook manifest test cross-checks well-formedness with libxml2's xmllint (Debian libxml2-utils).
if (spawnSync("xmllint", ["--version"]).error) {
  if (process.getuid?.() === 0) {
    console.log("xmllint not found: installing Debian's libxml2-utils (needed by the manifest check test) …");
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils", { stdio: "inherit" });
  } else {
    console.error("xmllint not found. Install it (sudo apt-get install -y libxml2-utils).");
    process.exit(1);
  }
}
