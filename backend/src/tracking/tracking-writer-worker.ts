// Entry point of the tracking writer thread (see tracking-writer-thread.ts): its own libSQL connection,
// the Apple ranges, and a TrackingBatchWriter. Batches are handled one at a time, in order.
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../db/client";
import { loadAppleRanges, watchAppleRanges } from "./load-apple-ranges";
import { fileTrackingInserter } from "./file-tracking-inserter";
import { TrackingBatchWriter } from "./tracking-batch-writer";
import { threadPriority } from "./thread-priority";
import type { WriterRequest, WriterResponse, WriterThreadData } from "./tracking-writer-thread";

const data = workerData as WriterThreadData;
const port = parentPort!;
const database = await openDatabase(data.database);
// A local file: this thread's own connection with the INSERT prepared once (libSQL servers: the client).
const fileInserter = database.filePath ? fileTrackingInserter(database.filePath) : null;
const writer = new TrackingBatchWriter({
  client: database.client,
  ...(fileInserter ? { insert: fileInserter } : {}),
  appleRanges: loadAppleRanges(data.appleCsv).ranges,
  ipSecret: data.ipSecret,
  ...(data.spoolId ? { spoolId: data.spoolId } : {}),
});

// A refreshed CSV (tracking:refresh-apple-ranges) is used from the next batch on, without a restart.
const stopWatching = data.appleCsv ? watchAppleRanges(data.appleCsv, (ranges) => writer.setAppleRanges(ranges)) : () => {};

// Low priority: this thread gets the CPU the request thread leaves idle, so recording never slows the answers.
const priority = threadPriority({ nice: data.nice, backlogMax: data.backlogMax, log: console });

let chain = Promise.resolve();
port.on("message", (msg: WriterRequest) => {
  chain = chain.then(async () => {
    let response: WriterResponse;
    try {
      if (msg.type === "write") {
        priority.adapt(msg.backlog);
        response = {
          id: msg.id,
          ok: true,
          result: await writer.write(msg.hits, {
            wantEvents: msg.wantEvents,
            ...(msg.spoolSeq !== undefined ? { spoolSeq: msg.spoolSeq } : {}),
          }),
        };
      } else {
        stopWatching();
        fileInserter?.close();
        database.close();
        response = { id: msg.id, ok: true, result: null };
      }
    } catch (err) {
      response = { id: msg.id, ok: false, error: err instanceof Error ? `${err.message}` : String(err) };
    }
    port.postMessage(response);
  });
});
