// Worker-thread probe for thread-priority.test.ts: applies threadPriority({ nice: workerData.nice }) to this
// thread (through tsx, like the tracking writer's boot file) and reports its thread id and the applied value.
import { readlinkSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { threadPriority } = await import("../tracking/thread-priority.ts");
const p = threadPriority({ nice: workerData.nice, backlogMax: 10, log: console });
parentPort.postMessage({ tid: Number(readlinkSync("/proc/thread-self").split("/").pop()), current: p.current });
// Stay alive until terminated, so the test can read this thread's /proc entry.
setInterval(() => {}, 60_000);
