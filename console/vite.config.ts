import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The console is served by the backend at `/` (same origin as the API). `pnpm --filter @threadline/console dev`
// proxies the backend's paths to a running backend (BACKEND_URL, default http://127.0.0.1:8787).
const backend = process.env.BACKEND_URL ?? "http://127.0.0.1:8787";

export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, reportCompressedSize: true },
  server: { proxy: Object.fromEntries(["/api", "/oauth", "/health"].map((p) => [p, { target: backend, changeOrigin: false }])) },
});
