// Every table of Threadline, in one file (drizzle-kit generates the SQL migrations in ../../drizzle).
// Times are integer milliseconds since the epoch (UTC). Ids are prefixed, time-ordered strings (new-id.ts).
// Every row that belongs to a workspace carries workspace_id, and every query filters on it.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { ContactFilter } from "@threadline/shared/schemas";

const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`;
const createdAt = () => integer("created_at").notNull().default(now);
const updatedAt = () => integer("updated_at").notNull().default(now);

export const workspaces = sqliteTable("workspaces", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  // Free-form workspace settings (e.g. default handoff rules); validated by shared schemas.
  settings: text("settings", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
});

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ["owner", "admin", "rep", "viewer"] }).notNull(),
    timeZone: text("time_zone").notNull().default("UTC"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    // Microsoft Entra object id, for nested-app-auth sign-in from the Outlook add-in.
    entraOid: text("entra_oid"),
    // Last authenticated request (API token or console session), written at most once a minute.
    lastActiveAt: integer("last_active_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_ws_email").on(t.workspaceId, t.email), uniqueIndex("users_entra_oid").on(t.entraOid)],
);

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    // SHA-256 of the secret; the secret itself is shown once at creation and never stored.
    tokenHash: text("token_hash").notNull(),
    // First characters of the secret, so a person can tell tokens apart in a list.
    prefix: text("prefix").notNull(),
    createdAt: createdAt(),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
    // Refused from this instant on; null = until revoked.
    expiresAt: integer("expires_at"),
  },
  (t) => [uniqueIndex("api_tokens_hash").on(t.tokenHash), index("api_tokens_ws").on(t.workspaceId)],
);

// Team invitations (console Team page): single use, valid until expires_at. Only the SHA-256 of the link's token is
// kept; the link itself is shown to the inviting admin once (and mailed when a mailbox is connected).
export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    email: text("email").notNull(),
    role: text("role", { enum: ["owner", "admin", "rep", "viewer"] }).notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedById: text("invited_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: integer("expires_at").notNull(),
    // Set once: accepted (the user it made) or revoked (by an admin, or replaced by a newer invitation).
    acceptedAt: integer("accepted_at"),
    acceptedUserId: text("accepted_user_id").references(() => users.id),
    revokedAt: integer("revoked_at"),
  },
  (t) => [uniqueIndex("invitations_token_hash").on(t.tokenHash), index("invitations_ws_email").on(t.workspaceId, t.email)],
);

export const companies = sqliteTable(
  "companies",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    domain: text("domain").notNull(),
    name: text("name").notNull(),
    country: text("country"),
    ownerId: text("owner_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("companies_ws_domain").on(t.workspaceId, t.domain)],
);

export const contacts = sqliteTable(
  "contacts",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    // Stored lower-cased; unique per workspace.
    email: text("email").notNull(),
    displayName: text("display_name"),
    firstName: text("first_name"),
    lastName: text("last_name"),
    title: text("title"),
    phone: text("phone"),
    // ISO 3166-1 alpha-2, upper case.
    country: text("country"),
    // IANA zone name; null = guess from country (marked as a guess).
    timeZone: text("time_zone"),
    // BCP 47 primary language ("en", "zh", "es"); null = guess from country.
    language: text("language"),
    stage: text("stage").notNull().default("lead"),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default([]),
    ownerId: text("owner_id").references(() => users.id),
    companyId: text("company_id").references(() => companies.id),
    source: text("source"),
    consentStatus: text("consent_status", { enum: ["unknown", "granted", "legitimate_interest", "withdrawn"] })
      .notNull()
      .default("unknown"),
    customFields: text("custom_fields", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    // "invalid" after a hard bounce.
    emailStatus: text("email_status", { enum: ["unknown", "valid", "invalid"] })
      .notNull()
      .default("unknown"),
    // Flagged by hand-off rules (reply, buying-signal click, repeated human opens).
    hot: integer("hot", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("contacts_ws_email").on(t.workspaceId, t.email),
    index("contacts_ws_company").on(t.workspaceId, t.companyId),
    // (workspace, filter column, id): the Contacts list's filters and sorts read the first page in index order at 100k+.
    index("contacts_ws_owner").on(t.workspaceId, t.ownerId, t.id),
    index("contacts_ws_id").on(t.workspaceId, t.id),
    index("contacts_ws_stage").on(t.workspaceId, t.stage, t.id),
    index("contacts_ws_country").on(t.workspaceId, t.country, t.id),
    index("contacts_ws_updated").on(t.workspaceId, t.updatedAt, t.id),
  ],
);

/** Saved contact filters ("Trade show leads – DE"), shared by the workspace; the target of bulk actions. */
export const segments = sqliteTable(
  "segments",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    name: text("name").notNull(),
    filter: text("filter", { mode: "json" }).$type<ContactFilter>().notNull(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("segments_ws_name").on(t.workspaceId, t.name)],
);

export const notes = sqliteTable(
  "notes",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    contactId: text("contact_id")
      .notNull()
      .references(() => contacts.id),
    authorId: text("author_id").references(() => users.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("notes_contact").on(t.workspaceId, t.contactId, t.createdAt)],
);

export const timelineEvents = sqliteTable(
  "timeline_events",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    contactId: text("contact_id")
      .notNull()
      .references(() => contacts.id),
    // See shared/src/schemas/timeline.ts for the list of types and their payloads.
    type: text("type").notNull(),
    // A user id, or a system actor such as "system:dispatcher" / "system:inbound".
    actor: text("actor").notNull(),
    occurredAt: integer("occurred_at").notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("timeline_contact_time").on(t.workspaceId, t.contactId, t.occurredAt)],
);

export const templates = sqliteTable(
  "templates",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    ownerId: text("owner_id").references(() => users.id),
    name: text("name").notNull(),
    subject: text("subject").notNull(),
    bodyHtml: text("body_html").notNull(),
    visibility: text("visibility", { enum: ["shared", "private"] })
      .notNull()
      .default("shared"),
    folder: text("folder"),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default([]),
    // Language of the main version (BCP 47 primary tag); other languages live in template_locales.
    language: text("language").notNull().default("en"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("templates_ws").on(t.workspaceId, t.updatedAt)],
);

export const templateLocales = sqliteTable(
  "template_locales",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    templateId: text("template_id")
      .notNull()
      .references(() => templates.id),
    language: text("language").notNull(),
    subject: text("subject").notNull(),
    bodyHtml: text("body_html").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("template_locales_tpl_lang").on(t.templateId, t.language)],
);

export const sequences = sqliteTable(
  "sequences",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    ownerId: text("owner_id").references(() => users.id),
    name: text("name").notNull(),
    visibility: text("visibility", { enum: ["shared", "private"] })
      .notNull()
      .default("shared"),
    // Send window, settings for weekends/holidays, tracking switches, stop and hand-off rules:
    // validated by shared/src/schemas/sequence.ts.
    settings: text("settings", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    timeZone: text("time_zone").notNull().default("UTC"),
    dailyCap: integer("daily_cap").notNull().default(200),
    // draft (nobody enrolled yet) → active ⇄ paused (sends held) → archived (no new enrollments).
    status: text("status", { enum: ["draft", "active", "paused", "archived"] })
      .notNull()
      .default("active"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("sequences_ws").on(t.workspaceId)],
);

export const sequenceSteps = sqliteTable(
  "sequence_steps",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    sequenceId: text("sequence_id")
      .notNull()
      .references(() => sequences.id),
    position: integer("position").notNull(),
    kind: text("kind", { enum: ["email", "task"] }).notNull(),
    delayAmount: integer("delay_amount").notNull().default(0),
    delayUnit: text("delay_unit", { enum: ["business_days", "hours"] })
      .notNull()
      .default("business_days"),
    // Email: template or inline content, thread mode, A/B variants. Task: kind and note.
    config: text("config", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    // Soft delete: a step removed while enrollments run keeps its id for history.
    deletedAt: integer("deleted_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("sequence_steps_seq").on(t.sequenceId, t.position)],
);

export const mailboxes = sqliteTable(
  "mailboxes",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: ["outbox", "gmail", "microsoft", "smtp"] }).notNull(),
    email: text("email").notNull(),
    displayName: text("display_name"),
    // AES-256-GCM ciphertext of the provider credentials (refresh token, SMTP password …).
    credentialsEnc: text("credentials_enc"),
    dailyCap: integer("daily_cap").notNull().default(2000),
    minSpacingSeconds: integer("min_spacing_seconds").notNull().default(0),
    // Sending paused by a person (PATCH /mailboxes/{id}); `active` false means disconnected.
    paused: integer("paused", { mode: "boolean" }).notNull().default(false),
    // Inbound sync cursor (Gmail historyId, Graph deltaLink, IMAP uid) and similar.
    syncState: text("sync_state", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index("mailboxes_ws").on(t.workspaceId)],
);

export const enrollments = sqliteTable(
  "enrollments",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    contactId: text("contact_id")
      .notNull()
      .references(() => contacts.id),
    sequenceId: text("sequence_id")
      .notNull()
      .references(() => sequences.id),
    mailboxId: text("mailbox_id").references(() => mailboxes.id),
    ownerId: text("owner_id").references(() => users.id),
    state: text("state", {
      enum: ["active", "paused", "finished", "replied", "bounced", "unsubscribed", "stopped", "failed"],
    }).notNull(),
    stateReason: text("state_reason"),
    stateChangedAt: integer("state_changed_at").notNull(),
    // Number of steps already completed (sent or task done/skipped).
    stepsDone: integer("steps_done").notNull().default(0),
    nextRunAt: integer("next_run_at"),
    // The step completed last and when (sent or task done/skipped): the next step is the first live step after it.
    lastStepId: text("last_step_id"),
    lastStepAt: integer("last_step_at"),
    pausedUntil: integer("paused_until"),
    softBounces: integer("soft_bounces").notNull().default(0),
    // Thread to continue: Gmail thread id, Outlook conversation id, Message-IDs of the chain.
    thread: text("thread", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index("enrollments_ws_contact").on(t.workspaceId, t.contactId),
    index("enrollments_ws_seq").on(t.workspaceId, t.sequenceId, t.state),
  ],
);

export const sendJobs = sqliteTable(
  "send_jobs",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    enrollmentId: text("enrollment_id")
      .notNull()
      .references(() => enrollments.id),
    stepId: text("step_id")
      .notNull()
      .references(() => sequenceSteps.id),
    // Denormalised from the enrollment so the per-sequence daily cap is one indexed count.
    sequenceId: text("sequence_id"),
    mailboxId: text("mailbox_id").references(() => mailboxes.id),
    // `${enrollmentId}:${stepId}` — the same step of the same enrollment can never be queued twice.
    idempotencyKey: text("idempotency_key").notNull(),
    status: text("status", {
      enum: ["queued", "leased", "sending", "sent", "failed", "cancelled"],
    }).notNull(),
    runAt: integer("run_at").notNull(),
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: integer("lease_expires_at"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    variant: text("variant"),
    // Message-ID header of what we sent (as the provider finally assigned it) and provider ids.
    messageId: text("message_id"),
    providerMessageId: text("provider_message_id"),
    providerThreadId: text("provider_thread_id"),
    subject: text("subject"),
    sentAt: integer("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("send_jobs_idem").on(t.idempotencyKey),
    index("send_jobs_due").on(t.status, t.runAt),
    index("send_jobs_enrollment").on(t.enrollmentId),
    index("send_jobs_message_id").on(t.messageId),
    index("send_jobs_mailbox_sent").on(t.mailboxId, t.sentAt),
    index("send_jobs_sequence_sent").on(t.sequenceId, t.sentAt),
  ],
);

export const outboxMessages = sqliteTable(
  "outbox_messages",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    mailboxId: text("mailbox_id").references(() => mailboxes.id),
    sendJobId: text("send_job_id"),
    idempotencyKey: text("idempotency_key"),
    messageId: text("message_id").notNull(),
    // Full RFC 5322 source, exactly as it would have been sent.
    raw: text("raw").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("outbox_ws_time").on(t.workspaceId, t.createdAt), uniqueIndex("outbox_idem").on(t.idempotencyKey)],
);

export const suppressions = sqliteTable(
  "suppressions",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    kind: text("kind", { enum: ["address", "domain", "address_hash"] }).notNull(),
    // Lower-cased address or domain; for erased people a SHA-256 of the address (kind address_hash).
    value: text("value").notNull(),
    reason: text("reason", {
      enum: ["unsubscribe", "hard_bounce", "complaint", "manual", "erasure"],
    }).notNull(),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("suppressions_ws_value").on(t.workspaceId, t.kind, t.value)],
);

export const trackedLinks = sqliteTable(
  "tracked_links",
  {
    // Opaque random ticket used in the click URL.
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    sendJobId: text("send_job_id").notNull(),
    url: text("url").notNull(),
    buyingSignal: integer("buying_signal", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("tracked_links_send").on(t.sendJobId)],
);

// A message a rep writes by hand with a template inserted from the sidebar, tracked for opens: one row per composed
// message, minted when the template is inserted (POST /api/v1/tracked-messages). Its id is signed into the open pixel
// exactly like a send job's, so the tracking writer resolves either (tracking_events.send_job_id holds a tm_ id for
// these opens). No enrollment or step: such opens never count toward a sequence.
export const trackedMessages = sqliteTable(
  "tracked_messages",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    // The rep who composed it.
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    // The recipient the opens are attributed to (the first To recipient).
    contactId: text("contact_id")
      .notNull()
      .references(() => contacts.id),
    // No foreign key, like send_jobs.sequence_id: a deleted template keeps its analytics key.
    templateId: text("template_id"),
    host: text("host", { enum: ["outlook", "gmail"] }).notNull(),
    // Outlook conversationId or Gmail thread id of a reply; null for a new message.
    threadId: text("thread_id"),
    subject: text("subject"),
    createdAt: createdAt(),
  },
  (t) => [
    index("tracked_messages_ws_contact").on(t.workspaceId, t.contactId),
    index("tracked_messages_ws_template").on(t.workspaceId, t.templateId, t.createdAt),
  ],
);

export const trackingEvents = sqliteTable(
  "tracking_events",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    // A send job's id, or a tracked message's (tm_…) for a hand-inserted template.
    sendJobId: text("send_job_id").notNull(),
    contactId: text("contact_id"),
    kind: text("kind", { enum: ["open", "click"] }).notNull(),
    label: text("label", {
      enum: ["human", "apple_proxy", "google_proxy", "scanner", "prefetch", "duplicate"],
    }).notNull(),
    reason: text("reason").notNull(),
    linkId: text("link_id"),
    // Truncated and hashed client address; never the raw IP.
    ipHash: text("ip_hash"),
    userAgent: text("user_agent"),
    occurredAt: integer("occurred_at").notNull(),
  },
  // tracking_contact_time serves the contact's timeline (opens and clicks are read from here, not copied into
  // timeline_events: see repo/tracking-timeline-sql.ts).
  (t) => [
    index("tracking_send").on(t.sendJobId, t.occurredAt),
    index("tracking_contact_time").on(t.workspaceId, t.contactId, t.occurredAt),
  ],
);

// The tracking spool (DATA_DIR/tracking-spool.ndjson): the sequence number of the last spooled batch committed
// to tracking_events, written in the same transaction as that batch. A restart replays only what came after.
export const trackingSpool = sqliteTable("tracking_spool", {
  id: text("id").primaryKey(),
  committedSeq: integer("committed_seq").notNull(),
});

export const inboundMessages = sqliteTable(
  "inbound_messages",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    mailboxId: text("mailbox_id")
      .notNull()
      .references(() => mailboxes.id),
    // Provider's id (Gmail message id, Graph id, IMAP uidvalidity:uid): ingest is idempotent on it.
    providerId: text("provider_id").notNull(),
    messageId: text("message_id"),
    fromAddress: text("from_address"),
    subject: text("subject"),
    kind: text("kind").notNull(),
    evidence: text("evidence", { mode: "json" }).$type<unknown>().notNull().default([]),
    matchedSendJobId: text("matched_send_job_id"),
    contactId: text("contact_id"),
    receivedAt: integer("received_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("inbound_mailbox_provider").on(t.mailboxId, t.providerId)],
);

export const tasks = sqliteTable(
  "tasks",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    ownerId: text("owner_id").references(() => users.id),
    contactId: text("contact_id").references(() => contacts.id),
    enrollmentId: text("enrollment_id"),
    stepId: text("step_id"),
    kind: text("kind", {
      enum: ["call", "linkedin", "custom", "follow_up", "reply_needed", "handoff", "verify_sender"],
    }).notNull(),
    title: text("title").notNull(),
    note: text("note"),
    dueAt: integer("due_at").notNull(),
    status: text("status", { enum: ["open", "done", "skipped"] })
      .notNull()
      .default("open"),
    snoozedUntil: integer("snoozed_until"),
    completedAt: integer("completed_at"),
    createdAt: createdAt(),
  },
  (t) => [index("tasks_ws_owner_status").on(t.workspaceId, t.ownerId, t.status, t.dueAt), index("tasks_contact").on(t.contactId)],
);

export const rules = sqliteTable(
  "rules",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    name: text("name").notNull(),
    trigger: text("trigger", { enum: ["contact_created", "email_received"] }).notNull(),
    // Conditions and actions: validated by shared/src/schemas/rule.ts.
    conditions: text("conditions", { mode: "json" }).$type<unknown>().notNull(),
    actions: text("actions", { mode: "json" }).$type<unknown>().notNull(),
    position: integer("position").notNull().default(0),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index("rules_ws").on(t.workspaceId, t.trigger)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    target: text("target"),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("audit_ws_time").on(t.workspaceId, t.createdAt)],
);

export const imports = sqliteTable(
  "imports",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    actorId: text("actor_id"),
    fileName: text("file_name"),
    // queued → running → done, or → rolling_back → cancelled | failed (see imports/run-import.ts).
    status: text("status", { enum: ["queued", "running", "rolling_back", "done", "failed", "cancelled"] }).notNull(),
    // Mode, tags, source, column mapping, sequence: validated by shared/src/schemas/import.ts.
    options: text("options", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    rowsRead: integer("rows_read").notNull().default(0),
    rowsWritten: integer("rows_written").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    invalid: integer("invalid").notNull().default(0),
    enrolled: integer("enrolled").notNull().default(0),
    // Bytes of the file read so far, of its size (null while unknown): the progress bar and the time left.
    bytesRead: integer("bytes_read").notNull().default(0),
    totalBytes: integer("total_bytes"),
    // Detected/overridden column → field mapping, as applied.
    mapping: text("mapping", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    // CSV of the rejected rows (row number, field, message, original values); capped, see imports/run-import.ts.
    errorReport: text("error_report"),
    failure: text("failure"),
    // Set by POST /imports/:id/cancel; the running import stops at its next batch and rolls back.
    cancelRequested: integer("cancel_requested", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    startedAt: integer("started_at"),
    finishedAt: integer("finished_at"),
  },
  (t) => [index("imports_ws_time").on(t.workspaceId, t.createdAt)],
);

// The undo journal of a running import: every contact and company it created and the before-image of every
// contact it updated, so a cancelled or failed import (or one the server stopped in) is rolled back to nothing.
// Written in the same short transaction as the rows it describes; deleted when the import ends.
export const importWrites = sqliteTable(
  "import_writes",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    importId: text("import_id").notNull(),
    kind: text("kind", { enum: ["contact_created", "contact_updated", "company_created", "event_created"] }).notNull(),
    targetId: text("target_id").notNull(),
    // contact_updated: the contact's columns before the import changed them (the row as drizzle selects it).
    before: text("before", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [index("import_writes_import").on(t.importId, t.kind, t.seq)],
);

// Console sign-in (better-auth, auth/auth-instance.ts). The users table above stays the source of truth for
// workspace, role and activity: a login (auth_users) belongs to exactly one Threadline user, and a session resolves
// to that user's `auth` like an API token does. Columns are better-auth's, under its field names.
const authTime = (name: string) => integer(name, { mode: "timestamp_ms" });

export const authUsers = sqliteTable("auth_users", {
  id: text("id").primaryKey(),
  threadlineUserId: text("threadline_user_id")
    .notNull()
    .unique()
    .references(() => users.id),
  name: text("name").notNull(),
  // Unique across workspaces: an email signs in to one workspace.
  email: text("email").notNull().unique(),
  emailVerified: integer("email_verified", { mode: "boolean" }).notNull().default(false),
  image: text("image"),
  createdAt: authTime("created_at").notNull(),
  updatedAt: authTime("updated_at").notNull(),
});

export const authSessions = sqliteTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    token: text("token").notNull().unique(),
    expiresAt: authTime("expires_at").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    createdAt: authTime("created_at").notNull(),
    updatedAt: authTime("updated_at").notNull(),
  },
  (t) => [index("auth_sessions_user").on(t.userId)],
);

export const authAccounts = sqliteTable(
  "auth_accounts",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    // "credential" (email + password; password holds the library's scrypt hash), "google", "microsoft".
    providerId: text("provider_id").notNull(),
    accountId: text("account_id").notNull(),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: authTime("access_token_expires_at"),
    refreshTokenExpiresAt: authTime("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    createdAt: authTime("created_at").notNull(),
    updatedAt: authTime("updated_at").notNull(),
  },
  (t) => [index("auth_accounts_user").on(t.userId)],
);

export const authVerifications = sqliteTable(
  "auth_verifications",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: authTime("expires_at").notNull(),
    createdAt: authTime("created_at").notNull(),
    updatedAt: authTime("updated_at").notNull(),
  },
  (t) => [index("auth_verifications_identifier").on(t.identifier)],
);
