import { PlannedPage } from "../../ui/planned-page";

export function SettingsPage() {
  return (
    <PlannedPage
      title="Settings"
      description="API tokens for the Gmail extension, the Outlook add-in and scripts; your signed-in sessions."
      meanwhile="Tokens are created through the tokens API until this page lands."
    />
  );
}
