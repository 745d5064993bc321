// Runs TrackingBatchWriter in a worker thread. libSQL's local-file calls are synchronous, so on the main
// thread every batch write (and any wait for another process's write lock) would stall request handling;
// here only a structured-clone of the batch crosses threads.
import { Worker } from "node:worker_threads";
import type { BatchWriteResult, TrackingBatchSink, WantEvents, WriteOptions } from "./tracking-batch-writer";
import type { PackedHits } from "./tracking-hit-pack";

export interface WriterThreadData {
  /** The same options the server passed to openDatabase (the thread opens its own connection). */
  database: { url?: string; authToken?: string; dataDir?: string };
  appleCsv: string | undefined;
  ipSecret: string;
  /** Nice value of the thread (Linux; 0 = normal priority). */
  nice: number;
  /** Backlog (hits not yet written) above which the thread asks for normal priority again. */
  backlogMax: number;
  /** This server's spool id (see tracking-spool.ts), when a spool is used. */
  spoolId?: string;
}

export type WriterRequest =
  | { id: number; type: "write"; hits: PackedHits; wantEvents: WantEvents; backlog: number; spoolSeq?: number }
  | { id: number; type: "close" };
export type WriterResponse = { id: number; ok: true; result: BatchWriteResult | null } | { id: number; ok: false; error: string };

export class TrackingWriterThread implements TrackingBatchSink {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (r: BatchWriteResult | null) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private failed: Error | null = null;

  constructor(data: WriterThreadData) {
    this.worker = new Worker(new URL("./tracking-writer-worker-boot.mjs", import.meta.url), { workerData: data });
    this.worker.on("message", (msg: WriterResponse) => {
      const waiter = this.pending.get(msg.id);
      if (!waiter) return;
      this.pending.delete(msg.id);
      if (msg.ok) waiter.resolve(msg.result);
      else waiter.reject(new Error(msg.error));
    });
    const fail = (err: Error) => {
      this.failed = err;
      for (const w of this.pending.values()) w.reject(err);
      this.pending.clear();
    };
    this.worker.on("error", (err) => {
      console.error("tracking writer thread failed", err);
      fail(err);
    });
    this.worker.on("exit", (code) => fail(new Error(`tracking writer thread exited (${code})`)));
  }

  private call(
    request: { type: "write"; hits: PackedHits; wantEvents: WantEvents; backlog: number; spoolSeq?: number } | { type: "close" },
  ): Promise<BatchWriteResult | null> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...request } satisfies WriterRequest);
    });
  }

  async write(hits: PackedHits, opts: WriteOptions = {}): Promise<BatchWriteResult> {
    return (await this.call({
      type: "write",
      hits,
      wantEvents: opts.wantEvents ?? "all",
      backlog: opts.backlog ?? hits.count,
      ...(opts.spoolSeq !== undefined ? { spoolSeq: opts.spoolSeq } : {}),
    }))!;
  }

  async close(): Promise<void> {
    if (!this.failed) await this.call({ type: "close" });
    await this.worker.terminate();
  }
}
