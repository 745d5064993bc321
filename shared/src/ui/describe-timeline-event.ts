import type { TimelineEvent } from "../schemas/timeline";

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);

/** One readable line per timeline event ("Opened “Quote for LED panels”"), never raw JSON. */
export function describeTimelineEvent(event: Pick<TimelineEvent, "type" | "payload">): string {
  const p = event.payload;
  const subject = str(p.subject);
  const quoted = subject ? ` “${subject}”` : "";
  const sequence = str(p.sequenceName) ?? str(p.sequence);
  switch (event.type) {
    case "note":
      return `Note: ${str(p.body)?.slice(0, 140) ?? "(empty)"}`;
    case "stage_change":
      return `Stage ${str(p.from) ?? "?"} → ${str(p.to) ?? "?"}`;
    case "contact_created":
      return "Contact created";
    case "email_sent":
      return `Email sent${quoted}`;
    case "email_received":
      return `Email received${quoted}`;
    case "open":
      return `Opened${quoted}`;
    case "click":
      return `Clicked ${str(p.url) ?? "a link"}${subject ? ` in “${subject}”` : ""}`;
    case "reply":
      return `Replied${quoted}`;
    case "auto_reply":
      return `Auto-reply${str(p.kind) ? ` (${str(p.kind)})` : ""}${quoted}${str(p.returnDate) ? `, back ${str(p.returnDate)}` : ""}`;
    case "sender_verification":
      return `Sender verification requested${str(p.challengeService) ? ` by ${str(p.challengeService)}` : ""}${quoted}: confirm, then resume`;
    case "bounce":
      return `Bounced${str(p.reason) ? `: ${str(p.reason)}` : ""}`;
    case "unsubscribe":
      return `Unsubscribed${str(p.reason) ? `: ${str(p.reason)}` : ""}`;
    case "sequence_enrolled":
      return `Added to sequence${sequence ? ` “${sequence}”` : ""}`;
    case "sequence_paused":
      return `Sequence paused${sequence ? ` “${sequence}”` : ""}`;
    case "sequence_resumed":
      return `Sequence resumed${sequence ? ` “${sequence}”` : ""}`;
    case "sequence_stopped":
      return `Sequence stopped${str(p.reason) ? ` (${str(p.reason)})` : ""}`;
    case "sequence_finished":
      return `Sequence finished${sequence ? ` “${sequence}”` : ""}`;
    case "sequence_step_sent":
      return `Sequence step ${typeof p.step === "number" ? p.step : "?"} sent${quoted}`;
    case "task_created":
      return `Task created: ${str(p.title) ?? "untitled"}`;
    case "task_completed":
      return `Task done: ${str(p.title) ?? "untitled"}`;
    case "handoff":
      return `Handed off${str(p.toName) ? ` to ${str(p.toName)}` : ""}${str(p.reason) ? `: ${str(p.reason)}` : ""}`;
  }
}
