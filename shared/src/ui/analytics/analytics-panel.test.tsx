// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, expect, test, vi } from "vitest";
import { AnalyticsPanel } from "./analytics-panel";
import type { SequenceAnalyticsData, SequenceAnalyticsQuery } from "./analytics-data";

afterEach(cleanup);

const now = () => Date.parse("2026-11-23T16:20:00Z");
const sequences = async () => [
  { id: "sq_1", name: "Canton Fair", stepCount: 3, status: "active" },
  { id: "sq_2", name: "Re-engage", stepCount: 2, status: "active" },
];
const data: SequenceAnalyticsData = {
  steps: [{ key: "s1", label: "Step 1", sent: 10, delivered: 10, openedHuman: 5, clickedHuman: 1, replied: 2 }],
  variants: [],
  heatmap: { weekdays: [], replies: [[0, 1]] },
};

test("asks the host for the first sequence over 30 days, then follows the pickers", async () => {
  const fetch = vi.fn(async (_q: SequenceAnalyticsQuery) => data);
  render(<AnalyticsPanel listSequences={sequences} sequenceAnalytics={fetch} now={now} />);
  await screen.findByText("Canton Fair · last 30 days");
  expect(fetch).toHaveBeenLastCalledWith({
    sequenceId: "sq_1",
    from: "2026-10-24T17:00:00.000Z",
    to: "2026-11-23T17:00:00.000Z",
  });
  fireEvent.change(screen.getByLabelText("Sequence"), { target: { value: "sq_2" } });
  await screen.findByText("Re-engage · last 30 days");
  fireEvent.change(screen.getByLabelText("Period"), { target: { value: "7" } });
  await screen.findByText("Re-engage · last 7 days");
  expect(fetch).toHaveBeenLastCalledWith({
    sequenceId: "sq_2",
    from: "2026-11-16T17:00:00.000Z",
    to: "2026-11-23T17:00:00.000Z",
  });
});

test("a failed fetch shows the error with a retry; no sequences says so", async () => {
  let fail = true;
  const fetch = vi.fn(async () => {
    if (fail) throw new Error("boom");
    return data;
  });
  render(<AnalyticsPanel listSequences={sequences} sequenceAnalytics={fetch} now={now} />);
  const retry = await screen.findByRole("button", { name: "Try again" });
  fail = false;
  fireEvent.click(retry);
  await waitFor(() => expect(screen.getByText("Canton Fair · last 30 days")).toBeTruthy());
  cleanup();
  render(<AnalyticsPanel listSequences={async () => []} sequenceAnalytics={fetch} now={now} />);
  await screen.findByText("No sequences yet.");
});
