import { expect, test } from "vitest";
import { runCrashDrill } from "./crash-drill";

// bench:crash at a small size: 2 dispatcher processes, a few SIGKILLs at random points, 200 due steps.
// A correctness assertion (exactly once), not a timing one.
test("crash drill: no step is sent twice and none is lost when dispatchers are SIGKILLed", async () => {
  const r = await runCrashDrill({ steps: 200, kills: 4, processes: 2, batch: 10 });
  expect(r.steps).toBe(200);
  expect(r.kills).toBeGreaterThan(0);
  expect(r.duplicates).toBe(0);
  expect(r.lost).toBe(0);
}, 120_000);
