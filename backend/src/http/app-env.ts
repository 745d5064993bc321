import type { Db } from "../db/client";
import type { Auth } from "./auth";

export interface AppConfig {
  publicUrl: string;
  corsOrigins: string[];
}

export interface AppEnv {
  Variables: {
    db: Db;
    config: AppConfig;
    auth: Auth;
  };
}
