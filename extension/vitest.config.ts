import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "extension",
    include: ["*.test.ts", "gmail/**/*.test.ts", "background/**/*.test.ts", "e2e/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
