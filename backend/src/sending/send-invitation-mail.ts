// Mails an invitation link through the workspace's default mailbox: the inviter's own connected mailbox (so it comes
// from a person the invitee knows), else the workspace's oldest connected one. No mailbox, a paused one, or a
// failed send is not an error of the invitation: the admin still has the link to copy, and is told why.
import { and, asc, eq, sql } from "drizzle-orm";
import { html } from "hono/html";
import type { Role } from "@threadline/shared/schemas";
import type { Db } from "../db/client";
import { mailboxes } from "../db/schema";
import type { AppConfig } from "../http/app-env";
import { providerConfig } from "../mailboxes/provider-config";
import { buildMessage } from "./build-message";
import { transportFor } from "./transport-for";

type MailResult = { sent: true; from: string } | { sent: false; reason: string };

/** The mailbox an invitation is sent from: the inviter's own first, then the workspace's; never a paused one. */
export async function defaultMailboxOf(db: Db, workspaceId: string, inviterId: string) {
  return (
    await db
      .select()
      .from(mailboxes)
      .where(and(eq(mailboxes.workspaceId, workspaceId), eq(mailboxes.active, true), eq(mailboxes.paused, false)))
      .orderBy(sql`${mailboxes.userId} <> ${inviterId}`, asc(mailboxes.createdAt), asc(mailboxes.id))
      .limit(1)
  )[0];
}

const roleInWords: Record<Role, string> = { owner: "an owner", admin: "an admin", rep: "a rep", viewer: "a viewer" };

export async function sendInvitationMail(
  db: Db,
  config: AppConfig,
  input: {
    invitationId: string;
    workspaceId: string;
    workspaceName: string;
    inviter: { id: string; name: string };
    email: string;
    role: Role;
    link: string;
    expiresAt: number;
  },
): Promise<MailResult> {
  const mailbox = await defaultMailboxOf(db, input.workspaceId, input.inviter.id);
  if (!mailbox) return { sent: false, reason: "No mailbox is connected to this workspace: copy the link and send it yourself." };
  const until = new Date(input.expiresAt).toUTCString();
  const body = html`<p>Hello,</p>
    <p>${input.inviter.name} invited you to join <b>${input.workspaceName}</b> on Threadline as ${roleInWords[input.role]}.</p>
    <p><a href="${input.link}">Accept the invitation</a></p>
    <p>Or open this link: ${input.link}<br />It works once, until ${until}.</p>`;
  try {
    const message = await buildMessage({
      sendJobId: input.invitationId,
      idempotencyKey: `invitation:${input.invitationId}`,
      workspaceId: input.workspaceId,
      contactId: "",
      from: { name: mailbox.displayName ?? input.inviter.name, address: mailbox.email },
      to: { name: null, address: input.email },
      subject: `${input.inviter.name} invited you to ${input.workspaceName} on Threadline`,
      html: String(body),
      language: null,
      reply: null,
      unsubscribe: null,
      tracking: { opens: false, clicks: false },
      publicUrl: config.publicUrl,
      db: null,
    });
    const transport = transportFor(db, mailbox, {
      encryptionKey: config.encryptionKey,
      providers: providerConfig(config.providers),
    });
    const [result] = await transport.sendMany([
      {
        sendJobId: input.invitationId,
        workspaceId: input.workspaceId,
        mailboxId: mailbox.id,
        idempotencyKey: `invitation:${input.invitationId}`,
        to: input.email,
        from: mailbox.email,
        message,
        thread: null,
      },
    ]);
    if (result instanceof Error) throw result;
    return { sent: true, from: mailbox.email };
  } catch (e) {
    return {
      sent: false,
      reason: `${mailbox.email} could not send it (${e instanceof Error ? e.message : String(e)}): copy the link instead.`,
    };
  }
}
