// Write-ahead spool of accepted tracking hits, so a hard crash (SIGKILL, OOM kill) loses no sealed batch even
// while the low-priority writer thread is behind. The request thread appends each batch as it is sealed — one
// write(2) of one line per batch (≤ TRACKING_BATCH_MAX hits), into the kernel's page cache — before handing it
// to the writer; the writer stores the batch's sequence number in tracking_spool in the same transaction as its
// rows. At start the server replays the spooled batches after the committed number, then empties the file;
// it is emptied again whenever everything accepted has been committed.
// Not covered: hits not yet sealed (at most flushMs of traffic) and, without fsync, a power loss.
import { closeSync, fstatSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";
import type { PackedHits } from "./tracking-hit-pack";

export interface SpooledBatch {
  seq: number;
  hits: PackedHits;
}

const b64 = (a: Int32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");

function fromB64<T extends Int32Array | Float64Array>(text: string, Type: { new (b: ArrayBuffer): T }): T {
  const bytes = Buffer.from(text, "base64");
  // Copied into a fresh, aligned buffer (a Buffer from the pool may start at any offset).
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return new Type(copy);
}

export class TrackingSpool {
  private readonly fd: number;
  private bytes = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, "a+");
    this.bytes = fstatSync(this.fd).size;
  }

  /** Appends a sealed batch; synchronous, so it is in the file before the request that sealed it returns. */
  append(seq: number, hits: PackedHits): void {
    const line = `${JSON.stringify({
      seq,
      count: hits.count,
      strings: hits.strings,
      ints: b64(hits.ints),
      times: b64(hits.times),
      links: hits.links,
    })}\n`;
    this.bytes += writeSync(this.fd, line);
  }

  /** The spooled batches with a sequence number above `committedSeq`, in order; a torn last line is skipped. */
  pending(committedSeq: number): SpooledBatch[] {
    const out: SpooledBatch[] = [];
    for (const line of readFileSync(this.path, "utf8").split("\n")) {
      if (!line) continue;
      let parsed: { seq: number; count: number; strings: string[]; ints: string; times: string; links: PackedHits["links"] };
      try {
        parsed = JSON.parse(line);
      } catch {
        continue; // written partly when the process died
      }
      if (parsed.seq <= committedSeq) continue;
      out.push({
        seq: parsed.seq,
        hits: {
          count: parsed.count,
          strings: parsed.strings,
          ints: fromB64(parsed.ints, Int32Array),
          times: fromB64(parsed.times, Float64Array),
          links: parsed.links,
        },
      });
    }
    return out;
  }

  /** Empties the file (everything in it is committed). */
  reset(): void {
    if (this.bytes === 0) return;
    ftruncateSync(this.fd, 0);
    this.bytes = 0;
  }

  /** Whether the file holds anything. */
  get dirty(): boolean {
    return this.bytes > 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}
