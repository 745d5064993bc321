// Messages a rep writes by hand with a template inserted from the sidebar, tracked for opens (tracked_messages). One
// row per composed message: the recipient's contact (found, or created like the card's one-click create), the
// template, and a signed open pixel that the tracking writer resolves like a send job's.
import { and, eq } from "drizzle-orm";
import type { TrackedMessage, TrackedMessageCreate } from "@threadline/shared/schemas";
import { suggestContact } from "@threadline/shared/domain/suggest-contact";
import type { Db } from "../db/client";
import { newId } from "../db/new-id";
import { suppressions, trackedMessages } from "../db/schema";
import { ApiError } from "../http/api-error";
import type { Auth } from "../http/auth";
import { OPEN_PURPOSE } from "../routes/tracking-public";
import { addressHash } from "../security/address-hash";
import { signToken } from "../security/sign-token";
import { findContactByEmail, insertContact, noteContactDomain, type ContactRow } from "./contacts";
import type { Tx } from "./db-or-tx";
import { findSuppression } from "./suppressions";
import { getTemplate } from "./templates";

type TrackedMessageRow = typeof trackedMessages.$inferSelect;

const escapeAttr = (v: string) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/**
 * The open pixel of a tracked message: its URL (same route and signature as a sequence send's) and the <img> to
 * append at send. No inline CSS: Outlook's appendOnSendAsync does not support it; width/height/border do the same.
 */
export function trackedMessagePixel(input: { id: string; publicUrl: string; signingSecret: string }) {
  const token = signToken({ secret: input.signingSecret, purpose: OPEN_PURPOSE, id: input.id });
  const url = `${input.publicUrl.replace(/\/$/, "")}/t/o/${token}.gif`;
  return { url, html: `<img src="${escapeAttr(url)}" width="1" height="1" alt="" border="0" data-threadline-pixel="">` };
}

/** Refuses (409, nothing written) recipients whose mail must not be tracked: suppressed, erased or consent withdrawn. */
async function assertTrackable(tx: Tx, workspaceId: string, email: string, contact: ContactRow | undefined) {
  const erased = await tx
    .select({ id: suppressions.id })
    .from(suppressions)
    .where(
      and(
        eq(suppressions.workspaceId, workspaceId),
        eq(suppressions.kind, "address_hash"),
        eq(suppressions.value, addressHash(email)),
      ),
    )
    .limit(1);
  if (erased[0]) {
    throw new ApiError(
      "conflict",
      `${email} belongs to a person whose data was erased: Threadline keeps no record of mail to them, so opens are not tracked. The message itself can be sent as usual.`,
    );
  }
  const suppressed = await findSuppression(tx, workspaceId, email);
  if (suppressed) {
    const what = suppressed.kind === "domain" ? `The domain ${suppressed.value}` : email;
    throw new ApiError(
      "conflict",
      `${what} is on the suppression list (${suppressed.reason.replace("_", " ")}): opens of mail to them are not tracked. The message itself can be sent as usual.`,
    );
  }
  if (contact?.consentStatus === "withdrawn") {
    throw new ApiError(
      "conflict",
      `${email} has withdrawn consent: opens of mail to them are not tracked. The message itself can be sent as usual.`,
    );
  }
}

// drizzle wraps the driver's error (DrizzleQueryError): the SQLite message is on the cause.
const isUniqueViolation = (err: unknown): boolean =>
  err instanceof Error &&
  (/UNIQUE constraint failed: contacts\./.test(err.message) || (err.cause !== undefined && isUniqueViolation(err.cause)));

/**
 * Records one hand-composed message for open tracking and returns its pixel. In one transaction: the template must be
 * visible to the caller (404 otherwise), the recipient must be trackable (409), the contact is found or created, and
 * the tracked_messages row is inserted — all of it or nothing.
 */
export async function createTrackedMessage(
  db: Db,
  input: { auth: Auth; data: TrackedMessageCreate; publicUrl: string; signingSecret: string },
): Promise<TrackedMessage> {
  const { auth, data } = input;
  const attempt = () =>
    db.transaction(async (tx) => {
      if (data.templateId) await getTemplate(tx, auth, data.templateId);
      const existing = await findContactByEmail(tx, auth.workspaceId, data.email);
      await assertTrackable(tx, auth.workspaceId, data.email, existing);
      let contact = existing;
      if (!contact) {
        // The card's one-click create: names from the display name (or a first.last@ address), company from the domain.
        const s = suggestContact({ email: data.email, displayName: data.name ?? null, knownCompanyName: null });
        contact = await insertContact(tx, {
          workspaceId: auth.workspaceId,
          actor: auth.userId,
          data: {
            email: data.email,
            displayName: s.displayName,
            firstName: s.firstName,
            lastName: s.lastName,
            source: data.host === "outlook" ? "outlook-addin" : "gmail-sidebar",
          },
        });
      }
      const row: TrackedMessageRow = {
        id: newId("tm"),
        workspaceId: auth.workspaceId,
        userId: auth.userId,
        contactId: contact.id,
        templateId: data.templateId ?? null,
        host: data.host,
        threadId: data.threadId ?? null,
        subject: data.subject ?? null,
        createdAt: Date.now(),
      };
      await tx.insert(trackedMessages).values(row);
      return { row, contact, created: !existing };
    });
  let result: Awaited<ReturnType<typeof attempt>>;
  try {
    result = await attempt();
  } catch (err) {
    // Another request created the same contact meanwhile (rolled back here): the second attempt finds it.
    if (!isUniqueViolation(err)) throw err;
    result = await attempt();
  }
  if (result.created) noteContactDomain(db, result.contact);
  const pixel = trackedMessagePixel({ id: result.row.id, publicUrl: input.publicUrl, signingSecret: input.signingSecret });
  return {
    id: result.row.id,
    contactId: result.contact.id,
    contactCreated: result.created,
    templateId: result.row.templateId,
    host: result.row.host,
    threadId: result.row.threadId,
    subject: result.row.subject,
    pixelUrl: pixel.url,
    html: pixel.html,
    createdAt: new Date(result.row.createdAt).toISOString(),
  };
}
