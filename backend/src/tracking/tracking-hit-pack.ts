// Accepted hits waiting for the writer, packed: every string interned once per batch (a pixel's send ids,
// user agents and addresses repeat), the rest in typed arrays. A queued hit is then a few numbers, not three
// objects that survive young-generation GC for up to flushMs, and handing a batch to the writer thread copies
// two small typed arrays and the distinct strings instead of serialising every hit object.
import type { TrackingHit } from "./tracking-batch-writer";

// Per hit: kind, sendJobId, method, userAgent, ip, headers (JSON), link (index into `links`); -1 = none.
const FIELDS = 7;

export interface PackedHits {
  count: number;
  strings: string[];
  ints: Int32Array;
  times: Float64Array;
  links: NonNullable<TrackingHit["link"]>[];
}

/**
 * A string the caller keeps across requests (the pixel's verified-token cache holds one per send): the packer
 * stamps it with its own generation and index, so the next hit of the same send in the same batch finds its
 * index in the ref itself — no Map lookup or insertion on the request path.
 */
export interface InternRef {
  readonly value: string;
  generation: number;
  index: number;
}

export const internRef = (value: string): InternRef => ({ value, generation: -1, index: -1 });

let generations = 0;

export class HitPacker {
  private readonly generation = ++generations;
  private strings: string[] = [];
  private index = new Map<string, number>();
  private ints: Int32Array;
  private times: Float64Array;
  private links: NonNullable<TrackingHit["link"]>[] = [];
  count = 0;

  constructor(readonly capacity: number) {
    this.ints = new Int32Array(capacity * FIELDS);
    this.times = new Float64Array(capacity);
  }

  get full(): boolean {
    return this.count >= this.capacity;
  }

  private internRef(ref: InternRef): number {
    if (ref.generation !== this.generation) {
      ref.generation = this.generation;
      ref.index = this.strings.push(ref.value) - 1;
    }
    return ref.index;
  }

  // The last string interned per field: consecutive hits mostly share user agent, address and method.
  private last: (string | null)[] = [null, null, null];
  private lastIndex: number[] = [-1, -1, -1];

  private internField(field: 0 | 1 | 2, s: string | null): number {
    if (s === null) return -1;
    if (s === this.last[field]) return this.lastIndex[field]!;
    const i = this.intern(s);
    this.last[field] = s;
    this.lastIndex[field] = i;
    return i;
  }

  private intern(s: string | null | undefined): number {
    if (s === null || s === undefined) return -1;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  add(hit: TrackingHit): void {
    let headersJson: string | null = null;
    // Purpose headers are rare: most hits carry an empty object and intern nothing.
    for (const name in hit.headers) {
      if (hit.headers[name] !== undefined) {
        headersJson = JSON.stringify(hit.headers);
        break;
      }
    }
    this.addFields(hit.kind, hit.sendJobId, hit.method, hit.userAgent, hit.ip, headersJson, hit.occurredAt, hit.link);
  }

  /** The same as add(), from the fields (the request path builds no hit object). */
  addFields(
    kind: TrackingHit["kind"],
    sendJobId: string | InternRef,
    method: string,
    userAgent: string | null,
    ip: string | null,
    headersJson: string | null,
    occurredAt: number,
    link?: TrackingHit["link"],
  ): void {
    if (this.full) throw new Error("HitPacker is full");
    const o = this.count * FIELDS;
    const ints = this.ints;
    ints[o] = kind === "open" ? 0 : 1;
    ints[o + 1] = typeof sendJobId === "string" ? this.intern(sendJobId) : this.internRef(sendJobId);
    ints[o + 2] = this.internField(0, method);
    ints[o + 3] = this.internField(1, userAgent);
    ints[o + 4] = this.internField(2, ip);
    ints[o + 5] = this.intern(headersJson);
    ints[o + 6] = link ? this.links.push(link) - 1 : -1;
    this.times[this.count] = occurredAt;
    this.count++;
  }

  /** The packed batch (this packer must not be added to afterwards). */
  seal(): PackedHits {
    return {
      count: this.count,
      strings: this.strings,
      ints: this.ints.subarray(0, this.count * FIELDS),
      times: this.times.subarray(0, this.count),
      links: this.links,
    };
  }
}

/** The hits of a packed batch, in the order they were accepted. */
export function unpackHits(packed: PackedHits): TrackingHit[] {
  const { strings, ints, times, links } = packed;
  const str = (i: number) => (i < 0 ? null : strings[i]!);
  const hits: TrackingHit[] = new Array(packed.count);
  for (let n = 0; n < packed.count; n++) {
    const o = n * FIELDS;
    const headers = str(ints[o + 5]!);
    const hit: TrackingHit = {
      kind: ints[o] === 0 ? "open" : "click",
      sendJobId: str(ints[o + 1]!)!,
      method: str(ints[o + 2]!)!,
      userAgent: str(ints[o + 3]!),
      ip: str(ints[o + 4]!),
      headers: headers === null ? {} : (JSON.parse(headers) as Record<string, string | undefined>),
      occurredAt: times[n]!,
    };
    if (ints[o + 6]! >= 0) hit.link = links[ints[o + 6]!]!;
    hits[n] = hit;
  }
  return hits;
}

/** Packs hits in batches of at most `capacity` (tests, retries of unpacked input). */
export function packHits(hits: TrackingHit[], capacity = Math.max(1, hits.length)): PackedHits[] {
  const out: PackedHits[] = [];
  for (let i = 0; i < hits.length; i += capacity) {
    const packer = new HitPacker(capacity);
    for (const hit of hits.slice(i, i + capacity)) packer.add(hit);
    out.push(packer.seal());
  }
  return out;
}
