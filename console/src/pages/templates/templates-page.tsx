import { PlannedPage } from "../../ui/planned-page";

export function TemplatesPage() {
  return (
    <PlannedPage
      title="Templates"
      description="Reusable emails with variables and per-language versions, shared across the team."
      meanwhile="Until then, templates are inserted from the Threadline sidebar and managed through the templates API."
    />
  );
}
