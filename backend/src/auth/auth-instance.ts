// The better-auth instance behind console sign-in: email + password and optional Google / Microsoft, sessions in
// the same libSQL database (auth_* tables of db/schema.ts) through the drizzle adapter. Loaded lazily
// (console-auth.ts imports it on the first cookie or sign-in), so the backend's cold start and the bearer-token
// routes never pay for it. Threadline's users table stays the source of truth: every login points at one user, and
// a session is refused for a deactivated one.
import { betterAuth } from "better-auth/minimal";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { and, eq } from "drizzle-orm";
import { hkdfSync } from "node:crypto";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { authAccounts, authSessions, authUsers, authVerifications, users } from "../db/schema";
import type { AppConfig } from "../http/app-env";
import { socialSignInProviders } from "./social-sign-in-providers";
import { CLIENT_IP_HEADER, SESSION_DAYS, trustedOriginsOf } from "./session-cookie";

const idPrefix: Record<string, string> = { user: "lg", session: "se", account: "la", verification: "vf" };

/** BETTER_AUTH_SECRET, else one derived from the signing secret (itself configured or generated and kept). */
export function authSecretOf(config: Pick<AppConfig, "authSecret" | "signingSecret">): string {
  if (config.authSecret) return config.authSecret;
  return Buffer.from(hkdfSync("sha256", config.signingSecret, "threadline", "better-auth session secret", 32)).toString(
    "base64url",
  );
}

export function createAuthInstance({ db, config }: { db: Db; config: AppConfig }) {
  return betterAuth({
    appName: "Threadline",
    baseURL: config.publicUrl,
    basePath: "/api/auth",
    secret: authSecretOf(config),
    database: drizzleAdapter(db, {
      provider: "sqlite",
      schema: { authUsers, authSessions, authAccounts, authVerifications },
    }),
    user: {
      modelName: "authUsers",
      additionalFields: { threadlineUserId: { type: "string", required: true, input: false } },
    },
    session: { modelName: "authSessions", expiresIn: SESSION_DAYS * 86_400, updateAge: 86_400 },
    account: {
      modelName: "authAccounts",
      // A Google / Microsoft login with a user's email joins that user's login (it is already a Threadline user).
      accountLinking: { enabled: true, trustedProviders: ["google", "microsoft"] },
    },
    verification: { modelName: "authVerifications" },
    // Accounts are only made by setup, invitations and the demo seed (console-auth.ts), never by a public sign-up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 128 },
    socialProviders: socialSignInProviders(config.providers),
    trustedOrigins: trustedOriginsOf(config),
    // Failed sign-ins are limited per account and per IP by sign-in-limiter.ts.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: {
      level: "error",
      // A refused session (deactivated user) is an answer, not a server error: console-auth.ts says so to the user.
      log: (level, message, ...args) => {
        if (message.includes("Failed to create session")) return;
        console.error(`[better-auth] ${level}: ${message}`, ...args);
      },
    },
    advanced: {
      cookiePrefix: "threadline",
      // The client address is put in this header by Threadline itself (console-auth.ts), never taken from the request.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      database: { generateId: ({ model }) => newId(idPrefix[model] ?? "ba") },
    },
    databaseHooks: {
      user: {
        // Only a social sign-in creates a login here: it must belong to exactly one active Threadline user.
        create: {
          before: async (user) => {
            const matches = await db
              .select({ id: users.id })
              .from(users)
              .where(and(eq(users.email, user.email.toLowerCase()), eq(users.active, true)))
              .limit(2);
            if (matches.length !== 1) return false;
            return { data: { ...user, threadlineUserId: matches[0]!.id } };
          },
        },
      },
      session: {
        // A deactivated user gets no new session (their existing ones were deleted when they were deactivated).
        create: {
          before: async (session) => {
            const row = (
              await db
                .select({ active: users.active })
                .from(authUsers)
                .innerJoin(users, eq(users.id, authUsers.threadlineUserId))
                .where(eq(authUsers.id, session.userId))
                .limit(1)
            )[0];
            return row?.active ? { data: session } : false;
          },
        },
      },
    },
  });
}

export type AuthInstance = ReturnType<typeof createAuthInstance>;
