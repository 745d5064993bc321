// The Analytics page, shown in an iframe by the Gmail sidebar's Analytics tab. It is an extension page of its own
// so recharts stays out of the Gmail content script (250 KB budget); data comes from the service worker's
// sequence-analytics and sequences-list messages, like the sidebar's.
import "~style.css";
import { AnalyticsPanel } from "@threadline/shared/ui/analytics";
import { createMessagingSidebarApi } from "~messaging/create-messaging-sidebar-api";

const api = createMessagingSidebarApi();
const listSequences = () => api.listSequences();
const sequenceAnalytics = api.sequenceAnalytics!.bind(api);

export default function AnalyticsPage() {
  return (
    <div className="bg-white text-[13px] text-slate-900">
      <AnalyticsPanel listSequences={listSequences} sequenceAnalytics={sequenceAnalytics} width={316} />
    </div>
  );
}
