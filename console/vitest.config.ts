import { defineProject } from "vitest/config";

// Unit tests (src/**) and the browser end-to-end test (e2e/**: real backend + built console in Debian's Chromium;
// root `pnpm test` builds first).
export default defineProject({
  test: {
    name: "console",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "e2e/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
