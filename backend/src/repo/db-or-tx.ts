import type { Db } from "../db/client";

/** A drizzle transaction handle, so repo functions can run inside a caller's transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;
