// Write-ahead spool of accepted tracking hits, so a hard crash (SIGKILL, OOM kill) loses no sealed batch even
// while the low-priority writer thread is behind. The request thread appends each batch as it is sealed — one
// write(2) of one record per batch (≤ TRACKING_BATCH_MAX hits), into the kernel's page cache — before handing it
// to the writer; the writer stores the batch's sequence number in tracking_spool in the same transaction as its
// rows. At start the server replays the spooled batches after the committed number, then empties the file;
// it is emptied again whenever everything accepted has been committed.
// A record is binary, so appending costs no encoding of the packed numbers: a 16-byte header ("TLS1", then the
// byte lengths of the three parts as little-endian u32), the batch's seq, count, strings and links as JSON, then the
// raw bytes of its Int32 and Float64 arrays. A record cut short (the process died mid-write) ends the replay.
// Files written before this format (one JSON line per batch, arrays in base64) are still read.
// Not covered: hits not yet sealed (at most flushMs of traffic) and, without fsync, a power loss.
import { closeSync, fstatSync, ftruncateSync, openSync, readFileSync, writevSync } from "node:fs";
import type { PackedHits } from "./tracking-hit-pack";

export interface SpooledBatch {
  seq: number;
  hits: PackedHits;
}

const MAGIC = 0x31534c54; // "TLS1" read as a little-endian u32
const HEADER = 16;

interface SpoolMeta {
  seq: number;
  count: number;
  strings: string[];
  links: PackedHits["links"];
}

/** A typed array's bytes as a Buffer view (no copy). */
const bytesOf = (a: Int32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Bytes copied into a fresh, aligned buffer of the given type (a slice of the file may start at any offset). */
function typed<T extends Int32Array | Float64Array>(bytes: Buffer, Type: { new (b: ArrayBuffer): T }): T {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return new Type(copy);
}

/** The batches of a binary spool file, in order; stops at a record cut short. */
function readRecords(file: Buffer): SpooledBatch[] {
  const out: SpooledBatch[] = [];
  let at = 0;
  while (at + HEADER <= file.length && file.readUInt32LE(at) === MAGIC) {
    const metaLen = file.readUInt32LE(at + 4);
    const intsLen = file.readUInt32LE(at + 8);
    const timesLen = file.readUInt32LE(at + 12);
    const end = at + HEADER + metaLen + intsLen + timesLen;
    if (end > file.length || intsLen % 4 !== 0 || timesLen % 8 !== 0) break; // written partly when the process died
    let meta: SpoolMeta;
    try {
      meta = JSON.parse(file.toString("utf8", at + HEADER, at + HEADER + metaLen)) as SpoolMeta;
    } catch {
      break;
    }
    const intsAt = at + HEADER + metaLen;
    out.push({
      seq: meta.seq,
      hits: {
        count: meta.count,
        strings: meta.strings,
        ints: typed(file.subarray(intsAt, intsAt + intsLen), Int32Array),
        times: typed(file.subarray(intsAt + intsLen, end), Float64Array),
        links: meta.links,
      },
    });
    at = end;
  }
  return out;
}

/** The batches of a spool file in the earlier format (one JSON line per batch); a torn last line is skipped. */
function readLegacyLines(text: string): SpooledBatch[] {
  const out: SpooledBatch[] = [];
  for (const line of text.split("\n")) {
    if (!line) continue;
    let parsed: { seq: number; count: number; strings: string[]; ints: string; times: string; links: PackedHits["links"] };
    try {
      parsed = JSON.parse(line);
    } catch {
      continue; // written partly when the process died
    }
    out.push({
      seq: parsed.seq,
      hits: {
        count: parsed.count,
        strings: parsed.strings,
        ints: typed(Buffer.from(parsed.ints, "base64"), Int32Array),
        times: typed(Buffer.from(parsed.times, "base64"), Float64Array),
        links: parsed.links,
      },
    });
  }
  return out;
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
    const meta = Buffer.from(
      JSON.stringify({ seq, count: hits.count, strings: hits.strings, links: hits.links } satisfies SpoolMeta),
    );
    const ints = bytesOf(hits.ints);
    const times = bytesOf(hits.times);
    const header = Buffer.allocUnsafe(HEADER);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(meta.length, 4);
    header.writeUInt32LE(ints.length, 8);
    header.writeUInt32LE(times.length, 12);
    this.bytes += writevSync(this.fd, [header, meta, ints, times]);
  }

  /** The spooled batches with a sequence number above `committedSeq`, in order; a record cut short ends them. */
  pending(committedSeq: number): SpooledBatch[] {
    const file = readFileSync(this.path);
    const batches =
      file[0] === 0x7b /* "{": the earlier JSON-lines format */ ? readLegacyLines(file.toString("utf8")) : readRecords(file);
    return batches.filter((b) => b.seq > committedSeq);
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
