import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "backend", include: ["src/**/*.test.ts", "src/**/*.test.tsx"], testTimeout: 20_000 },
});
