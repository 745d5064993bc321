import { PlannedPage } from "../../ui/planned-page";

export function ContactsPage() {
  return (
    <PlannedPage
      title="Contacts"
      description="Every customer your team writes to, with company, owner and the whole conversation history."
      meanwhile="Until then, contacts are created and edited from the Threadline sidebar in Gmail and Outlook, or imported with the CSV import API."
    />
  );
}
