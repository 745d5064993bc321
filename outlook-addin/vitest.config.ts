import { defineProject } from "vitest/config";

// Unit tests (src/**) and the browser end-to-end test (test/e2e/**, needs `pnpm build` first: root `pnpm test` does it).
export default defineProject({
  test: {
    name: "outlook-addin",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "server/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
