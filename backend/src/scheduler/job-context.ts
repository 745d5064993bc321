import type { Client, InValue } from "@libsql/client";

/** Everything the dispatcher needs about one claimed job, read in one joined query per batch. */
export interface JobContext {
  id: string;
  workspaceId: string;
  status: string;
  attempts: number;
  runAt: number;
  sentAt: number | null;
  idempotencyKey: string;
  enrollmentId: string;
  stepId: string;
  mailboxId: string | null;
  sequenceId: string;
  enrollmentState: string;
  stepsDone: number;
  thread: ThreadState;
  ownerId: string | null;
  pausedUntil: number | null;
  contactId: string;
  email: string;
  contact: {
    email: string;
    firstName: string | null;
    lastName: string | null;
    displayName: string | null;
    title: string | null;
    phone: string | null;
    country: string | null;
    timeZone: string | null;
    language: string | null;
    customFields: Record<string, string>;
  };
  company: { name: string; domain: string } | null;
  sequence: { timeZone: string; dailyCap: number; settings: unknown };
  step: { kind: string; config: Record<string, unknown>; deletedAt: number | null };
  mailbox: {
    id: string;
    kind: string;
    email: string;
    displayName: string | null;
    dailyCap: number;
    minSpacingSeconds: number;
    paused: boolean;
    userId: string;
  } | null;
  sender: { name: string; email: string; timeZone: string } | null;
}

/** Thread state kept on the enrollment (enrollments.thread). */
export interface ThreadState {
  messageIds?: string[];
  subject?: string;
  gmailThreadId?: string;
  conversationId?: string;
  providerMessageId?: string;
  messageId?: string;
}

const json = <T>(v: unknown, fallback: T): T => {
  if (typeof v !== "string") return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
};
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

export async function loadJobContexts(client: Client | { execute: Client["execute"] }, ids: string[]): Promise<JobContext[]> {
  if (ids.length === 0) return [];
  const out: JobContext[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rs = await client.execute({
      sql: `SELECT j.id, j.workspace_id, j.status, j.attempts, j.run_at, j.sent_at, j.idempotency_key, j.enrollment_id, j.step_id,
          coalesce(j.mailbox_id, e.mailbox_id) AS mailbox_id, e.sequence_id, e.state, e.steps_done, e.thread, e.owner_id, e.paused_until,
          c.id AS contact_id, c.email, c.first_name, c.last_name, c.display_name, c.title, c.phone, c.country, c.time_zone, c.language,
          c.custom_fields, co.name AS company_name, co.domain AS company_domain,
          s.time_zone AS seq_zone, s.daily_cap AS seq_cap, s.settings AS seq_settings,
          st.kind AS step_kind, st.config AS step_config, st.deleted_at AS step_deleted,
          m.id AS mb_id, m.kind AS mb_kind, m.email AS mb_email, m.display_name AS mb_name, m.daily_cap AS mb_cap, m.user_id AS mb_user,
          m.min_spacing_seconds AS mb_spacing, m.paused AS mb_paused,
          u.name AS u_name, u.email AS u_email, u.time_zone AS u_zone
        FROM send_jobs j
        JOIN enrollments e ON e.id = j.enrollment_id
        JOIN contacts c ON c.id = e.contact_id
        JOIN sequences s ON s.id = e.sequence_id
        JOIN sequence_steps st ON st.id = j.step_id
        LEFT JOIN companies co ON co.id = c.company_id
        LEFT JOIN mailboxes m ON m.id = coalesce(j.mailbox_id, e.mailbox_id)
        LEFT JOIN users u ON u.id = coalesce(m.user_id, e.owner_id)
        WHERE j.id IN (${chunk.map(() => "?").join(",")})`,
      args: chunk as InValue[],
    });
    for (const r of rs.rows) {
      out.push({
        id: String(r.id),
        workspaceId: String(r.workspace_id),
        status: String(r.status),
        attempts: Number(r.attempts),
        runAt: Number(r.run_at),
        sentAt: num(r.sent_at),
        idempotencyKey: String(r.idempotency_key),
        enrollmentId: String(r.enrollment_id),
        stepId: String(r.step_id),
        mailboxId: str(r.mailbox_id),
        sequenceId: String(r.sequence_id),
        enrollmentState: String(r.state),
        stepsDone: Number(r.steps_done),
        thread: json<ThreadState>(r.thread, {}),
        ownerId: str(r.owner_id),
        pausedUntil: num(r.paused_until),
        contactId: String(r.contact_id),
        email: String(r.email),
        contact: {
          email: String(r.email),
          firstName: str(r.first_name),
          lastName: str(r.last_name),
          displayName: str(r.display_name),
          title: str(r.title),
          phone: str(r.phone),
          country: str(r.country),
          timeZone: str(r.time_zone),
          language: str(r.language),
          customFields: json<Record<string, string>>(r.custom_fields, {}),
        },
        company: r.company_name ? { name: String(r.company_name), domain: String(r.company_domain) } : null,
        sequence: { timeZone: String(r.seq_zone), dailyCap: Number(r.seq_cap), settings: json(r.seq_settings, {}) },
        step: { kind: String(r.step_kind), config: json(r.step_config, {}), deletedAt: num(r.step_deleted) },
        mailbox: r.mb_id
          ? {
              id: String(r.mb_id),
              kind: String(r.mb_kind),
              email: String(r.mb_email),
              displayName: str(r.mb_name),
              dailyCap: Number(r.mb_cap),
              minSpacingSeconds: Number(r.mb_spacing ?? 0),
              paused: Number(r.mb_paused ?? 0) === 1,
              userId: String(r.mb_user),
            }
          : null,
        sender: r.u_email ? { name: String(r.u_name), email: String(r.u_email), timeZone: String(r.u_zone ?? "UTC") } : null,
      });
    }
  }
  return out;
}
