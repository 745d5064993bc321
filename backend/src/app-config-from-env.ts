import { entraConfigOf, type Env } from "./env";
import type { AppConfig } from "./http/app-env";
import { loadSigningSecret } from "./security/load-signing-secret";

/** AppConfig from the parsed environment (server and worker share it). */
export function appConfigFromEnv(env: Env): AppConfig {
  return {
    publicUrl: env.PUBLIC_URL,
    ...(env.TRACKING_PUBLIC_URL ? { trackingUrl: env.TRACKING_PUBLIC_URL } : {}),
    corsOrigins: env.CORS_ORIGINS,
    signingSecret: loadSigningSecret({ configured: env.SIGNING_SECRET, dataDir: env.DATA_DIR }),
    encryptionKey: env.ENCRYPTION_KEY ?? null,
    importMaxBytes: env.IMPORT_MAX_BYTES,
    ...(env.BETTER_AUTH_SECRET ? { authSecret: env.BETTER_AUTH_SECRET } : {}),
    consoleOrigins: env.CONSOLE_ORIGINS,
    trustProxy: env.TRUST_PROXY,
    entra: entraConfigOf(env),
    providers: {
      google: {
        clientId: env.GOOGLE_CLIENT_ID,
        clientSecret: env.GOOGLE_CLIENT_SECRET,
        authUrl: env.GOOGLE_OAUTH_AUTH_URL,
        tokenUrl: env.GOOGLE_OAUTH_TOKEN_URL,
        apiRoot: env.GOOGLE_API_ROOT,
      },
      microsoft: {
        clientId: env.MICROSOFT_CLIENT_ID,
        clientSecret: env.MICROSOFT_CLIENT_SECRET,
        tenant: env.MICROSOFT_TENANT,
        loginUrl: env.MICROSOFT_LOGIN_URL,
        graphUrl: env.MICROSOFT_GRAPH_URL,
      },
    },
  };
}
