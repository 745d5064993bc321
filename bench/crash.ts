// bench:crash — 2 dispatcher processes, one SIGKILLed at random points CRASH_KILLS times (default 50) while
// CRASH_STEPS due steps (default 2000) are sent to the outbox. Prints duplicates and lost (both must be 0).
import { runCrashDrill } from "../backend/src/testing/crash-drill";

const steps = Number(process.env.CRASH_STEPS ?? 2000);
const kills = Number(process.env.CRASH_KILLS ?? 50);
const started = Date.now();
const r = await runCrashDrill({
  steps,
  kills,
  processes: 2,
  batch: Number(process.env.CRASH_BATCH ?? 20),
  log: (m) => console.log(m),
});
console.log(
  `steps ${r.steps}, kills ${r.kills}, duplicates ${r.duplicates}, lost ${r.lost}, duplicate sends prevented by the outbox key ${r.prevented}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
console.log(`RESULT ${JSON.stringify({ kills: r.kills, steps: r.steps, duplicates: r.duplicates, lost: r.lost })}`);
process.exit(r.duplicates === 0 && r.lost === 0 ? 0 : 1);
