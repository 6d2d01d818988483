/**
 * A compact index of the IEEE registry (oui-data's 5.6 MB of JSON), made at build time and
 * read lazily, so that starting netdoctor, or its first vendor lookup, parses no JSON.
 *
 * - Everything a lookup needs (the prefixes, which record each points at, each record's
 *   name, the names' text) is one block of fixed-width arrays, carried as base64 and NOT
 *   compressed: the file grows by about a megabyte, but the shipped command reads its
 *   sections by offset (a start pays nothing for it), and the first lookup saves a brotli
 *   inflation (about 40 M instructions, a third of a cold pass). Each array is then a
 *   typed-array view of the bytes, so there is nothing to decode (a decoding loop runs
 *   before the JIT has warmed up). See `layout` for the order.
 * - A lookup is one function, no calls until the hit (so V8 optimises one small function,
 *   soon, instead of a chain of them): MA-S (36 bits) and MA-M (28) are searched only under
 *   the 440-odd 24-bit prefixes ("parents") that hold any, and only among that parent's own
 *   blocks, stored by their bits below the parent's (12 and 4: small integers, no doubles);
 *   MA-L (24) through a directory by the first TOP_BITS bits, about ten prefixes a step.
 * - A name is read from the bytes when a hit needs it (by an offsets table); recent hits are
 *   shared per prefix (a small cache), so 10,000 hosts of one vendor hold one hit.
 * - What follows a record's name (the postal address) stays in brotli chunks of
 *   RECORDS_PER_CHUNK, inflated only when something reads a hit's `record`. A sweep's table
 *   asks only names; the details view and the export ask for the whole record.
 * - The Raspberry Pi prefixes are derived at build time with the same test as isRaspberryPi,
 *   so `scan --pi` needs no record at all.
 */
import { Buffer } from 'node:buffer';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

export type OuiBlock = 'MA-S' | 'MA-M' | 'MA-L';

/** The IEEE registry as oui-data ships it: hex prefix (6, 7 or 9 digits) → record. */
export type Registry = Readonly<Record<string, string>>;

/** Longest first: that is the order of a lookup. */
export const BLOCKS: readonly (readonly [OuiBlock, number])[] = [
  ['MA-S', 9],
  ['MA-M', 7],
  ['MA-L', 6],
];

const FORMAT = 4;
const RECORDS_PER_CHUNK = 1024;
const SEPARATOR = '\0';
/** Starts a stored tail that is the whole record: one whose text does not start with its name. */
const WHOLE = '\u0001';
/** Record and name numbers, and the directories, are stored in 16 bits (the registry has
 *  about 32,000 records and 40,000 MA-L prefixes). */
const MAX_ID = 0xffff;
/** Recent hits kept, by prefix (a power of two). */
const SHARED_HITS = 1024;

/** The index as it is written into the bundle: plain strings and numbers, JSON-safe. */
export interface OuiIndexData {
  readonly format: typeof FORMAT;
  /** Prefixes per block, in BLOCKS order. */
  readonly counts: readonly number[];
  /** How many distinct 24-bit prefixes hold an MA-S or MA-M block. */
  readonly parents: number;
  /** Records (and so tails). */
  readonly records: number;
  /** Distinct names. */
  readonly names: number;
  /** How many of the names are in ASCII (the first ones). */
  readonly asciiNames: number;
  /** base64 of the arrays `layout` places (not compressed: see above), in the machine's
   *  byte order (little endian; a big-endian machine copies them). */
  readonly core: string;
  readonly recordsPerChunk: number;
  /** base64 of brotli of RECORDS_PER_CHUNK records' tails (the record after its name, so
   *  usually "\n" and the postal address) joined by NUL. */
  readonly tails: readonly string[];
  /** Every prefix whose holder is Raspberry Pi, sorted as strings. */
  readonly raspberryPi: readonly string[];
}

type ArrayKind = Uint32ArrayConstructor | Uint16ArrayConstructor | Uint8ArrayConstructor;

/** The directories (of MA-L, and of the prefixes holding MA-S or MA-M): by a MAC's first
 *  TOP_BITS bits. 12: about ten MA-L prefixes each, and 8 KB to inflate (16 would be 130 KB). */
const TOP_BITS = 12;

/** Where each array lives in the core block: widest elements first, so each is aligned. */
function layout(data: Pick<OuiIndexData, 'counts' | 'parents' | 'records' | 'names'>) {
  const [small = 0, medium = 0, large = 0] = data.counts;
  const parents = data.parents;
  const parts = {
    /** MA-L prefixes, sorted. */
    large: [Uint32Array, large],
    /** The 24-bit prefixes under which some MA-S or MA-M block is, sorted. */
    parents: [Uint32Array, parents],
    /** Per name, where its UTF-8 starts in the names' bytes; then where the last ends. */
    nameStarts: [Uint32Array, data.names + 1],
    /** For each value of a MAC's first TOP_BITS bits, where its MA-L prefixes start in `large`
     *  (and end: at the next one's start). */
    largeStarts: [Uint16Array, 2 ** TOP_BITS + 1],
    /** Per parent, where its MA-S blocks start in `small` (and end: at the next one's). */
    smallStarts: [Uint16Array, parents + 1],
    /** Per parent, where its MA-M blocks start in `medium`. */
    mediumStarts: [Uint16Array, parents + 1],
    /** MA-S prefixes, sorted, each as its 12 bits below its parent's 24. */
    small: [Uint16Array, small],
    /** Per prefix, in block order (MA-S, MA-M, MA-L): its record's number. */
    recordOf: [Uint16Array, small + medium + large],
    /** Per record: its name's number. */
    nameOf: [Uint16Array, data.records],
    /** MA-M prefixes, sorted, each as its 4 bits below its parent's 24. */
    medium: [Uint8Array, medium],
    /** A bit per value of a MAC's first TOP_BITS bits: set when a parent starts with them. */
    parentTops: [Uint8Array, 2 ** TOP_BITS / 8],
  } satisfies Record<string, readonly [ArrayKind, number]>;
  let at = 0;
  const offsets = {} as Record<keyof typeof parts, number>;
  for (const [key, [kind, count]] of Object.entries(parts)) {
    offsets[key as keyof typeof parts] = at;
    at += kind.BYTES_PER_ELEMENT * count;
  }
  /** The names' bytes follow the arrays: the ASCII names, sorted, then the others. */
  return { parts, offsets, names: at };
}

/** The first line of a record: the holder's name (what lookupVendor has always returned). */
export function recordName(record: string): string {
  return record.split('\n')[0]?.trim() ?? record;
}

export const RASPBERRY_PI = /^raspberry pi\b/i;

/** The test raspberryPiPrefixes has always made: on the first line as it stands. */
export function isRaspberryPiRecord(record: string): boolean {
  return RASPBERRY_PI.test(record.split('\n')[0] ?? '');
}

function compress(bytes: Uint8Array, quality: number): string {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).toString('base64');
}

function inflate(base64: string): Buffer {
  return brotliDecompressSync(Buffer.from(base64, 'base64'));
}

const NOT_ASCII = /[^\0-\x7f]/;
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Builds the index from the registry (at build time; `quality` 11 is brotli's best). */
export function encodeOuiIndex(registry: Registry, quality = 9): OuiIndexData {
  if (!LITTLE_ENDIAN) throw new Error('the vendor index is built on a little-endian machine');
  const byBlock = BLOCKS.map(([, digits]) =>
    Object.keys(registry)
      .filter((p) => p.length === digits && /^[0-9A-F]+$/.test(p))
      .sort((a, b) => parseInt(a, 16) - parseInt(b, 16)),
  );
  const prefixes = byBlock.flat();
  if (prefixes.length !== Object.keys(registry).length) {
    throw new Error('oui-data has a prefix that is not 6, 7 or 9 hex digits: update oui-index');
  }
  const nameOf = new Map<string, string>();
  for (const p of prefixes) {
    const record = registry[p]!;
    if (record.includes(SEPARATOR) || record.includes(WHOLE)) {
      throw new Error(`oui-data record ${p} holds a control character: update oui-index`);
    }
    nameOf.set(record, recordName(record));
  }
  // Sorted by name (the names in ASCII first, read as Latin-1 rather than as UTF-8).
  const byName = (a: string, b: string) =>
    Number(NOT_ASCII.test(a)) - Number(NOT_ASCII.test(b)) || byCodeUnits(a, b);
  const records = [...nameOf.keys()].sort(
    (a, b) => byName(nameOf.get(a)!, nameOf.get(b)!) || byCodeUnits(a, b),
  );
  const recordIds = new Map(records.map((r, i) => [r, i]));
  const names = [...new Set(records.map((r) => nameOf.get(r)!))];
  const nameIds = new Map(names.map((n, i) => [n, i]));
  if (records.length > MAX_ID + 1 || byBlock.some((ps) => ps.length > MAX_ID)) {
    throw new Error('oui-data has more records or prefixes than 16 bits number: update oui-index');
  }
  const parents = [...new Set([...byBlock[0]!, ...byBlock[1]!].map((p) => p.slice(0, 6)))].sort(
    (a, b) => parseInt(a, 16) - parseInt(b, 16),
  );
  const shape = {
    counts: byBlock.map((ps) => ps.length),
    parents: parents.length,
    records: records.length,
    names: names.length,
  };
  const { parts, offsets, names: namesAt } = layout(shape);
  const nameBytes = names.map((n) => Buffer.from(n, 'utf8'));
  const core = Buffer.alloc(namesAt + nameBytes.reduce((n, b) => n + b.length, 0));
  const fill = (key: keyof typeof parts, values: readonly number[]) => {
    const [Kind, count] = parts[key];
    if (values.length !== count) throw new Error(`vendor index: ${key} has ${values.length}`);
    new Kind(core.buffer, core.byteOffset + offsets[key], count).set(values);
  };
  const hexValues = (ps: readonly string[]) => ps.map((p) => parseInt(p, 16));
  const large = hexValues(byBlock[2]!);
  const parentValues = hexValues(parents);
  fill('large', large);
  fill('parents', parentValues);
  // MA-S and MA-M: grouped by parent (they are sorted), each as its bits below the parent.
  for (const [block, key, below] of [
    [0, 'small', 3],
    [1, 'medium', 1],
  ] as const) {
    const ps = byBlock[block]!;
    fill(key, hexValues(ps.map((p) => p.slice(6))));
    const starts: number[] = [];
    let k = 0;
    for (const parent of parents) {
      while (k < ps.length && ps[k]!.slice(0, 6) < parent) k++;
      starts.push(k);
    }
    starts.push(ps.length);
    if (ps.some((p) => p.length !== 6 + below)) throw new Error(`vendor index: ${key} digits`);
    fill(block === 0 ? 'smallStarts' : 'mediumStarts', starts);
  }
  const starts = [0];
  for (const b of nameBytes) {
    b.copy(core, namesAt + starts.at(-1)!);
    starts.push(starts.at(-1)! + b.length);
  }
  fill('nameStarts', starts);
  const top = (prefix: number) => prefix >>> (24 - TOP_BITS);
  // largeStarts[t]: the first MA-L prefix whose first TOP_BITS bits are t or more.
  const largeStarts: number[] = [];
  for (let k = 0; k <= large.length; k++) {
    const its = k < large.length ? top(large[k]!) : 2 ** TOP_BITS;
    while (largeStarts.length <= its) largeStarts.push(k);
  }
  fill('largeStarts', largeStarts);
  fill(
    'recordOf',
    prefixes.map((p) => recordIds.get(registry[p]!)!),
  );
  fill(
    'nameOf',
    records.map((r) => nameIds.get(nameOf.get(r)!)!),
  );
  const bits = new Array<number>(2 ** TOP_BITS / 8).fill(0);
  for (const p of parentValues) bits[top(p) >>> 3]! |= 1 << (top(p) & 7);
  fill('parentTops', bits);

  const tails: string[] = [];
  for (let i = 0; i < records.length; i += RECORDS_PER_CHUNK) {
    const chunk = records.slice(i, i + RECORDS_PER_CHUNK).map((r) => {
      const name = nameOf.get(r)!;
      return r.startsWith(name) ? r.slice(name.length) : WHOLE + r;
    });
    tails.push(compress(Buffer.from(chunk.join(SEPARATOR), 'utf8'), quality));
  }
  return {
    format: FORMAT,
    ...shape,
    asciiNames: names.filter((n) => !NOT_ASCII.test(n)).length,
    core: core.toString('base64'),
    recordsPerChunk: RECORDS_PER_CHUNK,
    tails,
    raspberryPi: Object.keys(registry)
      .filter((p) => isRaspberryPiRecord(registry[p]!))
      .sort(),
  };
}

/** What lookupVendor returns (mac.ts `Vendor`). */
export interface OuiHit {
  /** The registered prefix as hex digits, e.g. `B827EB`. */
  readonly prefix: string;
  readonly block: OuiBlock;
  /** The holder's name: the record's first line. */
  readonly name: string;
  /** The whole registry record: name and postal address (inflated when first read). */
  readonly record: string;
}

/** Where a hit's whole record is read from, when something first asks for it. */
interface RecordSource {
  recordOf(id: number, name: string): string;
}

/** How many hex digits spell a block's prefix. */
const DIGITS: Readonly<Record<OuiBlock, 6 | 7 | 9>> = { 'MA-S': 9, 'MA-M': 7, 'MA-L': 6 };

/**
 * An OuiHit whose prefix and record are made when first asked: a class, the two behind
 * getters on its prototype (object literals with getters of their own cost a cold sweep
 * more than the inflation they save). A sweep's table reads only the name; the prefix's
 * text (a string made from nine digits) is for the details view. JSON (the export, the
 * tests) sees all four fields. Hits are shared: nothing may change one.
 */
export class VendorHit implements OuiHit {
  declare readonly block: OuiBlock;
  declare readonly name: string;
  /** The prefix, or its value (its first 24, 28 or 36 bits) until first asked. */
  #prefix: string | number;
  /** The record, or where to read it (with #id) when first asked. */
  #record: string | RecordSource;
  #id: number;

  constructor(
    prefix: string | number,
    block: OuiBlock,
    name: string,
    record: string | RecordSource,
    id = -1,
  ) {
    this.block = block;
    this.name = name;
    this.#prefix = prefix;
    this.#record = record;
    this.#id = id;
  }

  /** The registered prefix as hex digits, e.g. `B827EB`. */
  get prefix(): string {
    if (typeof this.#prefix !== 'string') {
      this.#prefix = hexDigits(this.#prefix, DIGITS[this.block]);
    }
    return this.#prefix;
  }

  get record(): string {
    if (typeof this.#record !== 'string') this.#record = this.#record.recordOf(this.#id, this.name);
    return this.#record;
  }

  toJSON(): OuiHit {
    return { prefix: this.prefix, block: this.block, name: this.name, record: this.record };
  }
}

/** A typed array of the core's bytes at `offset`: a view (no copy) when the bytes allow. */
function arrayAt<K extends ArrayKind>(
  bytes: Buffer,
  [Kind, count]: readonly [K, number],
  offset: number,
): InstanceType<K> {
  const at = bytes.byteOffset + offset;
  if (LITTLE_ENDIAN && at % Kind.BYTES_PER_ELEMENT === 0) {
    return new Kind(bytes.buffer as ArrayBuffer, at, count) as InstanceType<K>;
  }
  const copy = new Kind(count) as InstanceType<K>;
  const size = Kind.BYTES_PER_ELEMENT;
  const read = (b: number) =>
    size === 4 ? bytes.readUInt32LE(b) : size === 2 ? bytes.readUInt16LE(b) : bytes.readUInt8(b);
  for (let i = 0; i < count; i++) copy[i] = read(offset + i * size);
  return copy;
}

/** Buffer's UTF-8 slicer (Node has had it since 0.x; @types/node does not declare it):
 *  toString('utf8', …) checks its arguments first. */
interface Utf8Slicer {
  utf8Slice(start: number, end: number): string;
}

const LARGE = 2 ** 24; // a MAC's value divided by this is its first 24 bits
const BELOW_TOP = 24 - TOP_BITS; // a 24-bit prefix shifted right by this: its first TOP_BITS
const MEDIUM = 2 ** 20; // ... its first 28 bits
const SMALL = 2 ** 12; // ... its first 36 bits

/** The index: the core decoded on the first lookup, tails when a record is read. */
export class OuiIndex implements RecordSource {
  private readonly small: Uint16Array;
  private readonly medium: Uint8Array;
  private readonly large: Uint32Array;
  private readonly largeStarts: Uint16Array;
  private readonly parents: Uint32Array;
  private readonly smallStarts: Uint16Array;
  private readonly mediumStarts: Uint16Array;
  private readonly parentTops: Uint8Array;
  private readonly recordIds: Uint16Array;
  private readonly nameIds: Uint16Array;
  private readonly nameStarts: Uint32Array;
  /** The names in ASCII, one string (a hit's name is a slice of it, no copy). */
  private readonly asciiText: string;
  /** The other names' UTF-8 (read when a hit needs one: about 300 of 30,000). */
  private readonly otherBytes: Utf8Slicer;
  private readonly asciiNames: number;
  /** Where MA-M's slots start (after MA-S's), and MA-L's (after MA-M's). */
  private readonly mediumSlot: number;
  private readonly largeSlot: number;
  private readonly chunks: readonly string[];
  private readonly tails: (readonly string[] | undefined)[];
  /** Recent hits by prefix number (slot & (SHARED_HITS - 1)); sharedAt holds slot + 1. */
  private readonly shared = new Array<VendorHit | undefined>(SHARED_HITS);
  private readonly sharedAt = new Int32Array(SHARED_HITS);
  readonly raspberryPi: readonly string[];

  constructor(data: OuiIndexData) {
    if (data.format !== FORMAT) {
      throw new Error(`unknown vendor index format ${String(data.format)}`);
    }
    const { parts, offsets, names } = layout(data);
    const damaged = (what: string) => new Error(`vendor index: the core is damaged (${what})`);
    const bytes = Buffer.from(data.core, 'base64');
    if (bytes.length < names) throw damaged('too short');
    // The arrays are copied out of the decoded bytes (half a megabyte, one memcpy) and the
    // names become strings: nothing then holds the decoded block.
    const arrays = Buffer.from(bytes.subarray(0, names));
    this.small = arrayAt(arrays, parts.small, offsets.small);
    this.medium = arrayAt(arrays, parts.medium, offsets.medium);
    this.large = arrayAt(arrays, parts.large, offsets.large);
    this.largeStarts = arrayAt(arrays, parts.largeStarts, offsets.largeStarts);
    this.parents = arrayAt(arrays, parts.parents, offsets.parents);
    this.smallStarts = arrayAt(arrays, parts.smallStarts, offsets.smallStarts);
    this.mediumStarts = arrayAt(arrays, parts.mediumStarts, offsets.mediumStarts);
    this.parentTops = arrayAt(arrays, parts.parentTops, offsets.parentTops);
    this.nameStarts = arrayAt(arrays, parts.nameStarts, offsets.nameStarts);
    this.recordIds = arrayAt(arrays, parts.recordOf, offsets.recordOf);
    this.nameIds = arrayAt(arrays, parts.nameOf, offsets.nameOf);
    // What each search trusts to stay inside its array: the directories end where their
    // arrays do, and the names end where the bytes do. (The shipped file's sections carry a
    // checksum; this catches an index that does not match its own counts.)
    const [small = 0, medium = 0, large = 0] = data.counts;
    const parents = data.parents;
    if (
      this.largeStarts[2 ** TOP_BITS] !== large ||
      this.smallStarts[parents] !== small ||
      this.mediumStarts[parents] !== medium ||
      this.nameStarts[0] !== 0 ||
      names + this.nameStarts[data.names]! !== bytes.length ||
      data.asciiNames > data.names
    ) {
      throw damaged('its counts do not match');
    }
    const asciiEnd = names + this.nameStarts[data.asciiNames]!;
    this.asciiText = bytes.toString('latin1', names, asciiEnd);
    this.otherBytes = Buffer.from(bytes.subarray(asciiEnd)) as Buffer & Utf8Slicer;
    this.asciiNames = data.asciiNames;
    this.mediumSlot = small;
    this.largeSlot = small + medium;
    // Only what later reads need: not the core's text, now decoded.
    this.chunks = data.tails;
    this.tails = new Array<readonly string[] | undefined>(data.tails.length);
    this.raspberryPi = data.raspberryPi;
  }

  /**
   * The longest registered block holding this MAC, given as its 48-bit value. One function
   * with its searches written out (each over one kind of array): V8 optimises it as one
   * piece, early, and it runs fast in the interpreter until then.
   */
  lookup(mac: number): VendorHit | null {
    // 48 bits are exact in a double: a division for the first 24, then small integers.
    const oui = Math.floor(mac / LARGE);
    const low = mac - oui * LARGE;
    const top = oui >>> BELOW_TOP;
    /** The hit's prefix number in block order (MA-S, MA-M, MA-L), its block, and what the
     *  MAC's value is divided by to give the prefix's. */
    let slot = -1;
    let block: OuiBlock = 'MA-L';
    let unit = LARGE;
    let lo: number;
    let hi: number;
    if ((this.parentTops[top >>> 3]! >>> (top & 7)) & 1) {
      const parents = this.parents;
      lo = 0;
      hi = parents.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const v = parents[mid]!;
        if (v < oui) lo = mid + 1;
        else if (v > oui) hi = mid - 1;
        else break;
      }
      if (lo <= hi) {
        const parent = (lo + hi) >>> 1;
        // MA-S: the 12 bits below the parent's.
        const small = this.small;
        const sKey = low >>> 12;
        lo = this.smallStarts[parent]!;
        hi = this.smallStarts[parent + 1]! - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >>> 1;
          const v = small[mid]!;
          if (v < sKey) lo = mid + 1;
          else if (v > sKey) hi = mid - 1;
          else {
            slot = mid;
            block = 'MA-S';
            unit = SMALL;
            break;
          }
        }
        // MA-M: the 4 bits below.
        const medium = this.medium;
        const mKey = low >>> 20;
        lo = slot < 0 ? this.mediumStarts[parent]! : 1;
        hi = slot < 0 ? this.mediumStarts[parent + 1]! - 1 : 0;
        while (lo <= hi) {
          const mid = (lo + hi) >>> 1;
          const v = medium[mid]!;
          if (v < mKey) lo = mid + 1;
          else if (v > mKey) hi = mid - 1;
          else {
            slot = this.mediumSlot + mid;
            block = 'MA-M';
            unit = MEDIUM;
            break;
          }
        }
      }
    }
    const large = this.large;
    lo = slot < 0 ? this.largeStarts[top]! : 1;
    hi = slot < 0 ? this.largeStarts[top + 1]! - 1 : 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = large[mid]!;
      if (v < oui) lo = mid + 1;
      else if (v > oui) hi = mid - 1;
      else {
        slot = this.largeSlot + mid;
        break;
      }
    }
    // One call of hit (so V8 inlines it once): its prefix is the MAC's first 24, 28 or 36 bits.
    return slot < 0 ? null : this.hit(slot, block, Math.floor(mac / unit));
  }

  /** Every prefix of every block, as the registry spells it (upper-case hex). */
  *prefixes(): Generator<string> {
    for (let p = 0; p < this.parents.length; p++) {
      const parent = this.parents[p]!;
      for (let s = this.smallStarts[p]!; s < this.smallStarts[p + 1]!; s++) {
        yield hexDigits(parent * 4096 + this.small[s]!, 9);
      }
      for (let m = this.mediumStarts[p]!; m < this.mediumStarts[p + 1]!; m++) {
        yield hexDigits(parent * 16 + this.medium[m]!, 7);
      }
    }
    for (const oui of this.large) yield hexDigits(oui, 6);
  }

  /** The hit for the prefix numbered `slot` (in block order), whose value is `prefix`: a
   *  recent one if there is. */
  private hit(slot: number, block: OuiBlock, prefix: number): VendorHit {
    const at = slot & (SHARED_HITS - 1);
    if (this.sharedAt[at] === slot + 1) return this.shared[at]!;
    const id = this.recordIds[slot]!;
    const hit = new VendorHit(prefix, block, this.name(id), this, id);
    this.shared[at] = hit;
    this.sharedAt[at] = slot + 1;
    return hit;
  }

  private name(record: number): string {
    const n = this.nameIds[record]!;
    const start = this.nameStarts[n]!;
    const end = this.nameStarts[n + 1]!;
    if (n < this.asciiNames) return this.asciiText.slice(start, end);
    const ascii = this.asciiText.length;
    return this.otherBytes.utf8Slice(start - ascii, end - ascii);
  }

  /** The whole record: its name, then what its chunk of tails holds for it. */
  recordOf(id: number, name: string): string {
    const n = Math.floor(id / RECORDS_PER_CHUNK);
    let chunk = this.tails[n];
    if (!chunk) {
      const text = this.chunks[n];
      if (text === undefined) throw new Error(`vendor index: no chunk ${n}`);
      chunk = inflate(text).toString('utf8').split(SEPARATOR);
      this.tails[n] = chunk;
    }
    const tail = chunk[id % RECORDS_PER_CHUNK];
    if (tail === undefined) throw new Error(`vendor index: no record ${id}`);
    return tail.startsWith(WHOLE) ? tail.slice(WHOLE.length) : name + tail;
  }
}

const HEX = [...'0123456789ABCDEF'].map((c) => c.charCodeAt(0));
const hex = (n: number, shift: number) => HEX[(n >>> shift) & 15]!;

/**
 * A prefix value as `digits` (6, 7 or 9) upper-case hex digits: one string from char codes
 * (toString(16) of a 36-bit double, then upper case, then padding, is three strings and slow).
 */
function hexDigits(value: number, digits: number): string {
  const below = digits === 6 ? 1 : digits === 7 ? 16 : 4096;
  const top = Math.floor(value / below); // the first 24 bits: a small integer
  const low = value - top * below;
  const a = hex(top, 20);
  const b = hex(top, 16);
  const c = hex(top, 12);
  const d = hex(top, 8);
  const e = hex(top, 4);
  const f = hex(top, 0);
  switch (digits) {
    case 6:
      return String.fromCharCode(a, b, c, d, e, f);
    case 7:
      return String.fromCharCode(a, b, c, d, e, f, hex(low, 0));
    default:
      return String.fromCharCode(a, b, c, d, e, f, hex(low, 8), hex(low, 4), hex(low, 0));
  }
}
