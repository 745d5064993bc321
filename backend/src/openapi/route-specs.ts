// Every documented route, by resource. A routes file exports its `<resource>Spec` next to its handlers; add it here.
// openapi-document.test.ts fails when an app route has no spec here.
import { analyticsSpec } from "../routes/analytics";
import { cardSpec } from "../routes/card";
import { enrollmentsSpec } from "../routes/enrollments";
import { mailboxesSpec } from "../routes/mailboxes";
import { outboxSpec } from "../routes/outbox";
import { sequencesSpec } from "../routes/sequences";
import { suppressionsSpec } from "../routes/suppressions";
import { companiesSpec } from "../routes/companies";
import { contactsSpec } from "../routes/contacts";
import { meSpec } from "../routes/me";
import { notesSpec } from "../routes/notes";
import { tasksSpec } from "../routes/tasks";
import { templatesSpec } from "../routes/templates";
import { tokensSpec } from "../routes/tokens";
import { usersSpec } from "../routes/users";
import { erasureSpec } from "../routes/erasure";
import { exportSpec } from "../routes/export";
import { handoverSpec } from "../routes/handover";
import { importsSpec } from "../routes/imports";
import { rulesSpec } from "../routes/rules";
import { templateLocalesSpec } from "../routes/template-locales";
import { entraLinkSpec } from "../routes/entra-link";
import { trackedMessagesSpec } from "../routes/tracked-messages";
import { setupSpec } from "../routes/setup";
import { sessionSpec } from "../routes/session";
import { sessionsSpec } from "../routes/sessions";
import { hostConnectSpec } from "../routes/host-connect";
import { invitationsSpec } from "../routes/invitations";
import { contactsBulkSpec } from "../routes/contacts-bulk";
import { segmentsSpec } from "../routes/segments";
import type { RouteSpec } from "./route-spec";

export const routeSpecs: RouteSpec[] = [
  ...contactsSpec,
  ...notesSpec,
  ...companiesSpec,
  ...templatesSpec,
  ...cardSpec,
  ...meSpec,
  ...usersSpec,
  ...tokensSpec,
  ...sequencesSpec,
  ...enrollmentsSpec,
  ...mailboxesSpec,
  ...suppressionsSpec,
  ...outboxSpec,
  ...analyticsSpec,
  ...rulesSpec,
  ...importsSpec,
  ...erasureSpec,
  ...exportSpec,
  ...handoverSpec,
  ...templateLocalesSpec,
  ...tasksSpec,
  ...trackedMessagesSpec,
  ...entraLinkSpec,
  ...setupSpec,
  ...sessionSpec,
  ...sessionsSpec,
  ...hostConnectSpec,
  ...invitationsSpec,
  ...contactsBulkSpec,
  ...segmentsSpec,
];
