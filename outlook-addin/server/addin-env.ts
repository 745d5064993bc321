// The only reader of process.env for the add-in's Node scripts (serve, bench, e2e), parsed by zod.
import { fileURLToPath } from "node:url";
import { z } from "zod";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

const schema = z.object({
  // The HTTPS server for sideloading the pane.
  ADDIN_PORT: z.coerce.number().int().min(0).max(65535).default(3443),
  ADDIN_HOST: z.string().default("127.0.0.1"),
  // Public https URL of the pane when it is behind a proxy or on another host (the manifest points there).
  ADDIN_PUBLIC_URL: optionalString.pipe(z.string().url().optional()),
  // Where /api and /health are forwarded, so the pane and the API share one origin (no CORS setup needed).
  // Default: the backend on this machine at its PORT (the same variable `pnpm start` gives the backend), else 8787.
  ADDIN_BACKEND_URL: optionalString.pipe(z.string().url().optional()),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  // Holds the generated self-signed certificate.
  ADDIN_DATA_DIR: z.string().default(fileURLToPath(new URL("../.data", import.meta.url))),
  // TLS certificate and key (PEM files) to use instead of the self-signed one, e.g. made with mkcert.
  ADDIN_TLS_CERT: optionalString,
  ADDIN_TLS_KEY: optionalString,
  // Microsoft sign-in in the pane (nested app authentication), baked into the build; empty = token sign-in only.
  ADDIN_ENTRA_CLIENT_ID: optionalString,
  // e.g. https://login.microsoftonline.com/<tenant-id> (default: organizations)
  ADDIN_ENTRA_AUTHORITY: optionalString,
  // The backend API's delegated scope, e.g. api://threadline.example.com/<client-id>/access_as_user
  ADDIN_ENTRA_API_SCOPE: optionalString,
  CHROMIUM_PATH: z.string().default("/usr/bin/chromium"),
});

export type AddinEnv = Omit<z.infer<typeof schema>, "ADDIN_BACKEND_URL"> & { ADDIN_BACKEND_URL: string };

export function parseAddinEnv(source: Record<string, string | undefined>): AddinEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new Error(
      `Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`,
    );
  }
  const data = parsed.data;
  return { ...data, ADDIN_BACKEND_URL: data.ADDIN_BACKEND_URL ?? `http://127.0.0.1:${data.PORT || 8787}` };
}

export const addinEnv: AddinEnv = parseAddinEnv(process.env);
