import { Queue } from "bullmq";

/** Enqueues one BullMQ delayed job per send job id (bench:dispatch baseline); returns the queue to close later. */
export async function enqueueBaselineJobs(ids: string[], port: number, delayMs: number) {
  const queue = new Queue("sends", { connection: { host: "127.0.0.1", port } });
  for (let i = 0; i < ids.length; i += 1000) {
    await queue.addBulk(
      ids
        .slice(i, i + 1000)
        .map((id) => ({ name: "send", data: { sendJobId: id }, opts: { delay: delayMs, jobId: id, removeOnComplete: true } })),
    );
  }
  return queue;
}
