// @vitest-environment jsdom
// The Analytics tab as mounted in the shared sidebar: present only when the host passes renderAnalytics.
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, expect, test } from "vitest";
import type { ComposeState, MailHost } from "../mail-host";
import { Sidebar } from "../sidebar";
import { AnalyticsPanel } from "./analytics-panel";
import type { SidebarApi } from "../sidebar-api";

afterEach(cleanup);

const compose: ComposeState = { open: false };
const host: MailHost = {
  kind: "test",
  getOpenThread: () => null,
  getComposeState: () => compose,
  subscribe: () => () => undefined,
  insertIntoCompose: async () => undefined,
};

function api(withAnalytics: boolean): SidebarApi {
  const never = () => new Promise<never>(() => undefined);
  const base = {
    getCachedCard: async () => null,
    fetchCard: never,
    createContact: never,
    updateContact: never,
    listNotes: async () => [],
    addNote: never,
    getCachedTemplates: async () => null,
    fetchTemplates: async () => [],
    renderTemplate: never,
    listSequences: async () => [{ id: "sq_1", name: "Canton Fair", stepCount: 1, status: "active" }],
    listMailboxes: async () => [],
    enroll: never,
    changeEnrollment: never,
    listTasks: async () => [],
    listUsers: async () => [],
  } as SidebarApi;
  if (!withAnalytics) return base;
  return {
    ...base,
    sequenceAnalytics: async () => ({
      steps: [{ key: "s1", label: "Step 1", sent: 10, delivered: 10, openedHuman: 4, clickedHuman: 1, replied: 2 }],
      variants: [],
      heatmap: { weekdays: [], replies: [[0, 0, 1]] },
    }),
  };
}

test("hosts passing renderAnalytics get an Analytics tab that shows their view (here the charts)", async () => {
  const a = api(true);
  render(
    <Sidebar
      host={host}
      api={a}
      renderAnalytics={() => <AnalyticsPanel listSequences={a.listSequences} sequenceAnalytics={a.sequenceAnalytics!} />}
    />,
  );
  fireEvent.click(screen.getByRole("tab", { name: "Analytics" }));
  await screen.findByText("Canton Fair · last 30 days");
  expect(screen.getByRole("region", { name: "Funnel per step" })).toBeTruthy();
});

test("hosts without renderAnalytics show no Analytics tab, even when the API has sequenceAnalytics", () => {
  render(<Sidebar host={host} api={api(true)} />);
  expect(screen.queryByRole("tab", { name: "Analytics" })).toBeNull();
  expect(screen.getAllByRole("tab").map((t) => t.textContent)).toEqual(["Contact", "Templates", "Sequences"]);
});
