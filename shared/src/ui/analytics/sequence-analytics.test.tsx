// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, test } from "vitest";
import { SequenceAnalytics, type SequenceAnalyticsProps } from "./index";

afterEach(cleanup);

const replies = Array.from({ length: 7 }, (_, d) =>
  Array.from({ length: 24 }, (_, h) => (d < 5 && h >= 9 && h <= 11 ? 3 + d : 0)),
);
const data: SequenceAnalyticsProps = {
  title: "Canton Fair follow-up · last 30 days",
  steps: [
    { key: "s1", label: "Step 1", sent: 480, delivered: 470, openedHuman: 210, clickedHuman: 40, replied: 36 },
    { key: "s2", label: "Step 2", sent: 400, delivered: 396, openedHuman: 150, clickedHuman: 22, replied: 20 },
    { key: "s3", label: "Step 3", sent: 320, delivered: 318, openedHuman: 90, clickedHuman: 9, replied: 8 },
  ],
  variants: [
    {
      stepId: "s1",
      label: "Step 1",
      variants: [
        { variant: "A", delivered: 235, replied: 14, replyRate: 14 / 235 },
        { variant: "B", delivered: 235, replied: 22, replyRate: 22 / 235 },
      ],
    },
  ],
  heatmap: { weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"], replies },
};

describe("SequenceAnalytics", () => {
  test("draws the three charts at sidebar width", () => {
    const { container } = render(<SequenceAnalytics {...data} width={320} />);
    expect(screen.getByText("Canton Fair follow-up · last 30 days")).toBeTruthy();
    // Every chart is an SVG that fits the sidebar.
    const svgs = [...container.querySelectorAll(".recharts-wrapper > svg")];
    expect(svgs.length).toBe(3);
    for (const svg of svgs) expect(Number(svg.getAttribute("width"))).toBeLessThanOrEqual(320);

    const funnel = screen.getByRole("region", { name: "Funnel per step" });
    for (const step of ["Step 1", "Step 2", "Step 3"]) expect(within(funnel).getAllByText(step).length).toBeGreaterThan(0);
    // 3 steps × 4 series.
    expect(funnel.querySelectorAll(".recharts-bar-rectangle").length).toBe(12);

    const variants = screen.getByRole("region", { name: "Reply rate per variant" });
    const labels = [...variants.querySelectorAll(".recharts-label-list text")].map((t) => t.textContent);
    expect(labels).toEqual(["6%", "9.4%"]);

    const heat = screen.getByRole("region", { name: "Replies by local time" });
    const cells = heat.querySelectorAll('[data-testid="heat-cell"]');
    expect(cells.length).toBe(168);
    const busiest = [...cells].filter((c) => c.getAttribute("data-count") === "7");
    expect(busiest).toHaveLength(3); // Friday 9–11h
    expect(within(heat).getByText("Fri")).toBeTruthy();
  });

  test("empty data shows plain messages instead of empty charts", () => {
    const { container } = render(
      <SequenceAnalytics title="New sequence" steps={[]} variants={[]} heatmap={{ weekdays: [], replies: [] }} />,
    );
    expect(screen.getByText("Nothing sent in this period yet.")).toBeTruthy();
    expect(screen.getByText("No A/B variants in this sequence.")).toBeTruthy();
    expect(screen.getByText("No replies yet.")).toBeTruthy();
    expect(container.querySelectorAll(".recharts-wrapper").length).toBe(0);
  });
});
