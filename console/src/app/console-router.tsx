// The console's routes. Signed-in pages sit under <SignedIn> (session gate + navigation); setup, sign-in,
// invitations and the host sign-in page stand alone.
import { createBrowserRouter, Navigate } from "react-router";
import { AnalyticsPage } from "../pages/analytics/analytics-page";
import { ContactsPage } from "../pages/contacts/contacts-page";
import { MailboxesPage } from "../pages/mailboxes/mailboxes-page";
import { SequencesPage } from "../pages/sequences/sequences-page";
import { SettingsPage } from "../pages/settings/settings-page";
import { SetupPage } from "../pages/setup/setup-page";
import { SignInPage } from "../pages/sign-in/sign-in-page";
import { TeamPage } from "../pages/team/team-page";
import { TemplatesPage } from "../pages/templates/templates-page";
import { NotFoundPage } from "./not-found-page";
import { SignedIn } from "./signed-in";

export const consoleRouter = createBrowserRouter([
  { path: "/setup", element: <SetupPage /> },
  { path: "/sign-in", element: <SignInPage /> },
  {
    path: "/",
    element: <SignedIn />,
    children: [
      { index: true, element: <Navigate to="/mailboxes" replace /> },
      { path: "contacts", element: <ContactsPage /> },
      { path: "templates/*", element: <TemplatesPage /> },
      { path: "sequences/*", element: <SequencesPage /> },
      { path: "mailboxes", element: <MailboxesPage /> },
      { path: "team", element: <TeamPage /> },
      { path: "analytics", element: <AnalyticsPage /> },
      { path: "settings/*", element: <SettingsPage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
