import { PlannedPage } from "../../ui/planned-page";

export function AnalyticsPage() {
  return (
    <PlannedPage
      title="Analytics"
      description="Opens, clicks and replies per sequence, step and template, with A/B results and the best hours to send."
      meanwhile="Until then, each sequence's analytics are shown in the sidebar's Analytics tab."
    />
  );
}
