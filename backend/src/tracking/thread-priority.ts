// The calling thread's scheduling priority (nice), for the tracking writer thread. On Linux a thread is a task
// with its own id, and setpriority(PRIO_PROCESS, tid) — os.setPriority(tid, …) — changes that thread only;
// /proc/thread-self names the id. Elsewhere (macOS, Windows) this does nothing and says so once.
//
// The writer runs niced so it takes only the CPU the request thread leaves idle. While the backlog stays under
// `backlogMax` that is the whole policy; above it the thread asks for normal priority to catch up, which Linux
// allows only with root or CAP_SYS_NICE (an unprivileged thread may raise its nice value but not lower it
// again) — without that, a warning is logged once and the thread stays low.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";

export interface ThreadPriorityDeps {
  /** The calling thread's id, or null where threads cannot be addressed. */
  threadId: () => number | null;
  setNice: (tid: number, nice: number) => void;
}

const linux: ThreadPriorityDeps = {
  threadId: () => {
    try {
      return Number(readlinkSync("/proc/thread-self").split("/").pop());
    } catch {
      return null;
    }
  },
  setNice: (tid, nice) => setPriority(tid, nice),
};

export interface ThreadPriority {
  /** The nice value currently applied (null: not supported here). */
  readonly current: number | null;
  /** Called with the backlog before each batch: normal priority above backlogMax, low again under half of it. */
  adapt(backlog: number): void;
}

export function threadPriority(opts: {
  nice: number;
  backlogMax: number;
  log: Pick<Console, "warn">;
  deps?: ThreadPriorityDeps;
}): ThreadPriority {
  const deps = opts.deps ?? linux;
  const tid = opts.nice > 0 ? deps.threadId() : null;
  let current: number | null = null;
  let warned = false;
  const apply = (nice: number) => {
    if (tid === null || current === nice) return;
    try {
      deps.setNice(tid, nice);
      current = nice;
    } catch (err) {
      if (!warned) {
        warned = true;
        opts.log.warn(
          `tracking: cannot set the writer thread's nice value to ${nice} (${(err as Error).message}); ` +
            (nice < (current ?? 0) ? "it stays at low priority while the backlog is drained" : "it runs at normal priority"),
        );
      }
    }
  };
  if (opts.nice > 0 && tid === null) {
    opts.log.warn("tracking: thread priorities are not supported on this platform; the writer thread runs at normal priority");
  }
  apply(opts.nice);
  return {
    get current() {
      return current;
    },
    adapt(backlog) {
      if (opts.nice === 0 || current === null) return;
      if (backlog > opts.backlogMax) apply(0);
      else if (backlog < opts.backlogMax / 2) apply(opts.nice);
    },
  };
}
