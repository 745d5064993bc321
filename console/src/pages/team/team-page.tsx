import { PlannedPage } from "../../ui/planned-page";

export function TeamPage() {
  return (
    <PlannedPage
      title="Team"
      description="Invite reps, change roles, deactivate and hand over accounts."
      meanwhile="Users are managed through the users API until this page lands."
    />
  );
}
