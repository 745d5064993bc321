import { createHash } from "node:crypto";

/** What an erased person's address is kept as (suppressions kind address_hash): SHA-256 of the lower-cased address. */
export const addressHash = (email: string) => createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
