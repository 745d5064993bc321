import { describe, expect, test } from "vitest";
import { planStepPositions } from "./plan-step-positions";

// Reads the plan back as the engine would: every step (live and deleted) by position.
function order(current: { id: string; deleted: boolean }[], next: (string | null)[]) {
  const plan = planStepPositions({ current, next });
  const rows = [
    ...next.map((id, i) => ({ id: id ?? `new${i}`, position: plan.next[i]!, deleted: false })),
    ...[...plan.deleted].map(([id, position]) => ({ id, position, deleted: true })),
  ];
  return rows.sort((a, b) => a.position - b.position).map((r) => (r.deleted ? `-${r.id}` : r.id));
}
const live = (...ids: string[]) => ids.map((id) => ({ id, deleted: id.startsWith("x") }));

describe("planStepPositions", () => {
  test.each([
    ["unchanged", live("a", "b", "c"), ["a", "b", "c"], ["a", "b", "c"]],
    ["reordered", live("a", "b", "c"), ["c", "a", "b"], ["c", "a", "b"]],
    ["deleted in the middle stays after its predecessor", live("a", "b", "c"), ["a", "c"], ["a", "-b", "c"]],
    ["deleted first step stays first", live("a", "b"), ["b"], ["-a", "b"]],
    ["two leading deleted steps keep their order", live("a", "b", "c"), ["c"], ["-a", "-b", "c"]],
    ["an old deleted step follows its predecessor when that moves", live("a", "xb", "c"), ["c", "a"], ["c", "a", "-xb"]],
    ["a replacement comes before the step it replaces", live("a", "b", "c"), ["a", null, "c"], ["a", "new1", "-b", "c"]],
    ["a new first step", live("a"), [null, "a"], ["new0", "a"]],
    ["a new step after a deleted first step", live("a", "b"), [null, "b"], ["new0", "-a", "b"]],
    ["everything deleted, one new", live("a", "b"), [null], ["new0", "-a", "-b"]],
  ])("%s", (_name, current, next, expected) => {
    expect(order(current, next)).toEqual(expected);
  });

  test("positions are distinct and spaced by 10", () => {
    const plan = planStepPositions({ current: live("a", "b", "c", "d"), next: ["d", null, "a"] });
    const all = [...plan.next, ...plan.deleted.values()].sort((x, y) => x - y);
    expect(all).toEqual([10, 20, 30, 40, 50]);
  });
});
