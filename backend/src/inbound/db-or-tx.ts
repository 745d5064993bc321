import type { Db } from "../db/client";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** The database or an open transaction: inbound writes run inside the caller's transaction. */
export type DbOrTx = Db | Tx;
