// Optional last step of an import: enrol the imported contacts into a sequence, with the sequences API's own
// checks (suppressed, already enrolled, missing template variables, a teammate's active sequence at the same
// company). enroll() refuses a whole batch for one bad contact, so the refused ones are set aside and the rest
// enrolled; every refusal is reported per contact.
import type { Db } from "../db/client";
import { ApiError } from "../http/api-error";
import type { Auth } from "../http/auth";
import { enroll } from "../repo/enrollments";

export interface EnrollOutcome {
  enrolled: number;
  problems: { contact: string; message: string }[];
}

const BATCH = 500;

export function enrollImported(db: Db, auth: Auth, sequenceId: string) {
  return async (contacts: { id: string; email: string }[]): Promise<EnrollOutcome> => {
    const out: EnrollOutcome = { enrolled: 0, problems: [] };
    for (let i = 0; i < contacts.length; i += BATCH) {
      let batch = contacts.slice(i, i + BATCH);
      // At most two refusals per batch: the first names the contacts to leave out; the second would be a surprise.
      for (let attempt = 0; attempt < 3 && batch.length > 0; attempt++) {
        try {
          out.enrolled += (await enroll(db, auth, { sequenceId, contactIds: batch.map((c) => c.id), override: false })).length;
          batch = [];
        } catch (err) {
          if (!(err instanceof ApiError) || attempt === 2) throw err;
          const details = err.details as {
            problems?: { contact: string; message: string }[];
            warnings?: { contact: string; message: string }[];
          };
          const refused = [...(details?.problems ?? []), ...(details?.warnings ?? [])];
          if (refused.length === 0) throw err;
          out.problems.push(...refused);
          const named = new Set(refused.map((p) => p.contact));
          batch = batch.filter((c) => !named.has(c.email) && !named.has(c.id));
        }
      }
    }
    return out;
  };
}
