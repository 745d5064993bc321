import { defineConfig } from "vitest/config";

// One run over every package. Each package may add its own vitest.config.ts as a project.
export default defineConfig({
  test: {
    projects: ["shared", "backend", "extension", "outlook-addin", "console"],
    reporters: ["default", "./scripts/summary-reporter.ts"],
  },
});
