import { expect, test } from "vitest";
import { storeManifest } from "./store-manifest.mjs";

test("drops the dev key, empty host permissions and web-accessible files the build lacks", () => {
  const manifest = {
    manifest_version: 3,
    key: "MIIB…",
    permissions: ["storage"],
    host_permissions: [],
    web_accessible_resources: [
      { matches: ["https://mail.google.com/*"], resources: ["gone.css"] },
      { matches: ["https://mail.google.com/*"], resources: ["logo.png", "gone2.css"] },
    ],
  };
  expect(storeManifest(manifest, (f: string) => f === "logo.png")).toEqual({
    manifest_version: 3,
    permissions: ["storage"],
    web_accessible_resources: [{ matches: ["https://mail.google.com/*"], resources: ["logo.png"] }],
  });
});

test("keeps real host permissions and removes an all-dangling resource list", () => {
  const out = storeManifest(
    {
      host_permissions: ["https://api.example.com/*"],
      web_accessible_resources: [{ matches: ["<all_urls>"], resources: ["x.css"] }],
    },
    () => false,
  );
  expect(out).toEqual({ host_permissions: ["https://api.example.com/*"] });
});
