import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "outlook-addin", include: ["src/**/*.test.ts", "src/**/*.test.tsx"], passWithNoTests: true },
});
