import { PlannedPage } from "../../ui/planned-page";

export function MailboxesPage() {
  return (
    <PlannedPage
      title="Mailboxes"
      description="Connect Gmail, Microsoft 365 or any SMTP/IMAP mailbox, and set each one's daily cap and spacing."
      meanwhile="Mailboxes are connected through the mailboxes API until this page lands."
    />
  );
}
