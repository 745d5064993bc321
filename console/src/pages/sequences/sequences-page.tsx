import { PlannedPage } from "../../ui/planned-page";

export function SequencesPage() {
  return (
    <PlannedPage
      title="Sequences"
      description="Multi-step follow-ups that stop by themselves when the customer replies."
      meanwhile="Until then, contacts are added to sequences from the sidebar; sequences are defined through the sequences API."
    />
  );
}
