import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { describe, expect, test, vi } from "vitest";
import { threadPriority, type ThreadPriorityDeps } from "./thread-priority";

function fakeDeps(opts: { canLower: boolean }) {
  const calls: number[] = [];
  let nice = 0;
  const deps: ThreadPriorityDeps = {
    threadId: () => 42,
    setNice: (_tid, value) => {
      if (value < nice && !opts.canLower) throw new Error("EACCES: permission denied");
      nice = value;
      calls.push(value);
    },
  };
  return { deps, calls };
}

describe("writer thread priority", () => {
  test("starts low; above backlogMax back to normal; low again under half of it", () => {
    const { deps, calls } = fakeDeps({ canLower: true });
    const p = threadPriority({ nice: 19, backlogMax: 1000, log: { warn: vi.fn() }, deps });
    expect(p.current).toBe(19);
    p.adapt(500);
    p.adapt(1001);
    expect(p.current).toBe(0);
    p.adapt(600); // between half and max: stays where it is
    expect(p.current).toBe(0);
    p.adapt(499);
    expect(p.current).toBe(19);
    expect(calls).toEqual([19, 0, 19]);
  });

  test("without the right to lower nice it warns once and stays low", () => {
    const { deps } = fakeDeps({ canLower: false });
    const warn = vi.fn();
    const p = threadPriority({ nice: 10, backlogMax: 1000, log: { warn }, deps });
    p.adapt(5000);
    p.adapt(6000);
    expect(p.current).toBe(10);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/stays at low priority/);
  });

  test("nice 0 changes nothing; a platform without thread ids warns once", () => {
    const { deps, calls } = fakeDeps({ canLower: true });
    expect(threadPriority({ nice: 0, backlogMax: 10, log: { warn: vi.fn() }, deps }).current).toBeNull();
    expect(calls).toEqual([]);
    const warn = vi.fn();
    const p = threadPriority({ nice: 19, backlogMax: 10, log: { warn }, deps: { ...deps, threadId: () => null } });
    p.adapt(100);
    expect(p.current).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  test.runIf(process.platform === "linux")("on Linux it renices the calling thread only, as the kernel reports", async () => {
    // A real worker thread runs threadPriority({ nice: 7 }) on itself; /proc then shows nice 7 for that thread
    // and 0 for this one.
    const worker = new Worker(new URL("../testing/thread-priority-probe.mjs", import.meta.url), { workerData: { nice: 7 } });
    try {
      const { tid, current } = await new Promise<{ tid: number; current: number }>((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
      });
      const niceOf = (path: string) => Number(readFileSync(path, "utf8").split(") ")[1]!.split(" ")[16]);
      expect(current).toBe(7);
      expect(niceOf(`/proc/self/task/${tid}/stat`)).toBe(7);
      expect(niceOf("/proc/thread-self/stat")).toBe(0);
    } finally {
      await worker.terminate();
    }
  });
});
