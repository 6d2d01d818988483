/**
 * A compact index of the IEEE registry (oui-data's 5.6 MB of JSON), made at build time and
 * read lazily, so that starting netdoctor, or its first vendor lookup, parses no JSON.
 *
 * - The prefixes are sorted numbers, one table per block (MA-L 24 bits, MA-M 28, MA-S 36),
 *   each with a directory by a MAC's first 16 bits, so a lookup searches a few prefixes at
 *   most; each prefix points at a record by number. They travel as variable-length
 *   differences (small numbers brotli packs well, decoded in one pass into typed arrays).
 * - A record (name and postal address) is kept in two parts: its holder's name, in one
 *   block of every name (30,665 of them, sorted: about 200 KB of brotli, inflated on the
 *   first lookup), and what follows the name (the postal address), in brotli chunks of
 *   RECORDS_PER_CHUNK, inflated only when something reads a hit's `record`. A sweep's
 *   table asks only names; the details view and the export ask for the whole record.
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

const FORMAT = 2;
const RECORDS_PER_CHUNK = 1024;
const SEPARATOR = '\0';
/** Starts a stored tail that is the whole record: one whose text does not start with its name. */
const WHOLE = '\u0001';
/** The directory of a block: by a MAC's first 16 bits. */
const TOP_BITS = 16;
/** A MAC's 48-bit value divided by this (and floored) is its first TOP_BITS bits. */
const TOP_UNIT = 2 ** (48 - TOP_BITS);

/** The index as it is written into the bundle: plain strings and numbers, JSON-safe. */
export interface OuiIndexData {
  readonly format: typeof FORMAT;
  /** Prefixes per block, in BLOCKS order. */
  readonly counts: readonly number[];
  /** Records (and so names' numbers and tails). */
  readonly records: number;
  /** base64 of brotli of unsigned LEB128 numbers: per block (BLOCKS order) each prefix as
   *  its difference from the one before (the first from 0); then per prefix (same order)
   *  its record's number; then per record its name's number, as the difference from the
   *  record before's (records are sorted by name). */
  readonly table: string;
  /** base64 of brotli of the distinct names joined by NUL: those in ASCII, sorted, then
   *  the others, sorted. */
  readonly names: string;
  /** How many of the names are in ASCII (the first ones). */
  readonly asciiNames: number;
  readonly recordsPerChunk: number;
  /** base64 of brotli of RECORDS_PER_CHUNK records' tails (the record after its name, so
   *  usually "\n" and the postal address) joined by NUL. */
  readonly tails: readonly string[];
  /** Every prefix whose holder is Raspberry Pi, sorted as strings. */
  readonly raspberryPi: readonly string[];
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

function compress(bytes: Buffer, quality: number): string {
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

/** Unsigned LEB128, in arithmetic: an MA-S prefix has 36 bits, more than `>>>` keeps. */
function pushNumber(out: number[], n: number): void {
  while (n >= 128) {
    out.push((n % 128) + 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
}

const NOT_ASCII = /[^\0-\x7f]/;
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Builds the index from the registry (at build time; `quality` 11 is brotli's best). */
export function encodeOuiIndex(registry: Registry, quality = 9): OuiIndexData {
  const byBlock = BLOCKS.map(([, digits]) =>
    Object.keys(registry)
      .filter((p) => p.length === digits && /^[0-9A-F]+$/.test(p))
      .sort((a, b) => parseInt(a, 16) - parseInt(b, 16)),
  );
  const known = byBlock.reduce((n, ps) => n + ps.length, 0);
  if (known !== Object.keys(registry).length) {
    throw new Error('oui-data has a prefix that is not 6, 7 or 9 hex digits: update oui-index');
  }
  const nameOf = new Map<string, string>();
  for (const p of byBlock.flat()) {
    const record = registry[p]!;
    if (record.includes(SEPARATOR) || record.includes(WHOLE)) {
      throw new Error(`oui-data record ${p} holds a control character: update oui-index`);
    }
    nameOf.set(record, recordName(record));
  }
  // Sorted by name, so that a record's name number is the one before's or the next; the
  // names in ASCII first, which decode as Latin-1 (a copy) rather than as UTF-8.
  const byName = (a: string, b: string) =>
    Number(NOT_ASCII.test(a)) - Number(NOT_ASCII.test(b)) || byCodeUnits(a, b);
  const records = [...nameOf.keys()].sort(
    (a, b) => byName(nameOf.get(a)!, nameOf.get(b)!) || byCodeUnits(a, b),
  );
  const recordIds = new Map(records.map((r, i) => [r, i]));
  const names = [...new Set(records.map((r) => nameOf.get(r)!))];
  const nameIds = new Map(names.map((n, i) => [n, i]));

  const table: number[] = [];
  for (const ps of byBlock) {
    let before = 0;
    for (const p of ps) {
      const value = parseInt(p, 16);
      pushNumber(table, value - before);
      before = value;
    }
  }
  for (const p of byBlock.flat()) pushNumber(table, recordIds.get(registry[p]!)!);
  let nameBefore = 0;
  for (const r of records) {
    const id = nameIds.get(nameOf.get(r)!)!;
    pushNumber(table, id - nameBefore);
    nameBefore = id;
  }

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
    counts: byBlock.map((ps) => ps.length),
    records: records.length,
    table: compress(Buffer.from(table), quality),
    names: compress(Buffer.from(names.join(SEPARATOR), 'utf8'), quality),
    asciiNames: names.filter((n) => !NOT_ASCII.test(n)).length,
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

/**
 * An OuiHit whose record is read when first asked: a class, the record behind a getter on
 * its prototype (object literals with getters of their own cost a cold sweep more than the
 * inflation they save). JSON (the export, the tests) sees all four fields.
 */
export class VendorHit implements OuiHit {
  declare readonly prefix: string;
  declare readonly block: OuiBlock;
  declare readonly name: string;
  /** The record, or where to read it (with #id) when first asked. */
  #record: string | RecordSource;
  #id: number;

  constructor(
    prefix: string,
    block: OuiBlock,
    name: string,
    record: string | RecordSource,
    id = -1,
  ) {
    this.prefix = prefix;
    this.block = block;
    this.name = name;
    this.#record = record;
    this.#id = id;
  }

  get record(): string {
    if (typeof this.#record !== 'string') this.#record = this.#record.recordOf(this.#id, this.name);
    return this.#record;
  }

  toJSON(): OuiHit {
    return { prefix: this.prefix, block: this.block, name: this.name, record: this.record };
  }
}

/** `count` unsigned LEB128 numbers, all there is in `bytes`: one loop, for the start-up. */
function readNumbers(bytes: Uint8Array, count: number): Float64Array {
  const numbers = new Float64Array(count);
  let at = 0;
  for (let n = 0; n < count; n++) {
    let value = 0;
    let scale = 1;
    let byte = 128;
    while (byte >= 128) {
      byte = bytes[at++] ?? 0;
      value += (byte & 127) * scale;
      scale *= 128;
    }
    numbers[n] = value;
  }
  if (at !== bytes.length) throw new Error('vendor index: the prefix table is damaged');
  return numbers;
}

/** Differences to running sums, in place. */
function sums(numbers: Float64Array): Float64Array {
  for (let k = 1; k < numbers.length; k++) numbers[k]! += numbers[k - 1]!;
  return numbers;
}

/** One block's prefixes, sorted, with a directory by a MAC's first 16 bits. */
class BlockTable {
  /** A MAC's 48-bit value divided by this (and floored) is its key in this block. */
  readonly unit: number;
  /** A prefix value divided by this is its first 24 bits (hexDigits). */
  readonly below: number;
  /** For each value of a MAC's first 16 bits, where its prefixes start in values (and
   *  end: at the next one's start). */
  readonly starts = new Uint32Array(2 ** TOP_BITS + 1);

  constructor(
    readonly block: OuiBlock,
    readonly digits: number,
    /** The prefixes as numbers (MA-S needs 36 bits: a double holds them exactly). */
    readonly values: Float64Array,
    /** Where this block's prefixes start in OuiIndex's per-prefix arrays. */
    readonly first: number,
  ) {
    this.unit = 2 ** (4 * (12 - digits));
    this.below = 16 ** (digits - 6);
    // starts[top] is the first prefix whose first 16 bits are top or more: filled in spans,
    // one step a prefix rather than one a value of top.
    const per = 2 ** (4 * digits - TOP_BITS);
    let top = 0;
    for (let k = 0; k < values.length; k++) {
      const its = Math.floor(values[k]! / per);
      if (its >= top) {
        this.starts.fill(k, top, its + 1);
        top = its + 1;
      }
    }
    this.starts.fill(values.length, top);
  }

  /** Where this MAC's prefix is in values, or -1. `top`: the MAC's first 16 bits. */
  find(mac: number, top: number): number {
    let lo = this.starts[top]!;
    let hi = this.starts[top + 1]! - 1;
    if (lo > hi) return -1;
    const key = Math.floor(mac / this.unit);
    const values = this.values;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = values[mid]!;
      if (v < key) lo = mid + 1;
      else if (v > key) hi = mid - 1;
      else return mid;
    }
    return -1;
  }
}

/** The names: those in ASCII in one string (read as Latin-1: a copy) and where each
 *  starts in it (and ends: at the next start, less the NUL), then the others. */
interface NameList {
  readonly text: string;
  readonly starts: Uint32Array;
  readonly others: readonly string[];
}

/** The decoded index: prefix tables now, names on the first hit, tails when a record is read. */
export class OuiIndex implements RecordSource {
  /** In BLOCKS order: longest first. */
  private readonly tables: readonly BlockTable[];
  /** Per prefix, in block order: its record's number. */
  private readonly recordIds: Float64Array;
  /** Per record: its name's number. */
  private readonly nameIds: Float64Array;
  private names: NameList | undefined;
  private readonly tails: (readonly string[] | undefined)[];

  constructor(private readonly data: OuiIndexData) {
    if (data.format !== FORMAT) {
      throw new Error(`unknown vendor index format ${String(data.format)}`);
    }
    const prefixes = data.counts.reduce((a, b) => a + b, 0);
    const numbers = readNumbers(inflate(data.table), 2 * prefixes + data.records);
    let first = 0;
    this.tables = BLOCKS.map(([block, digits], i) => {
      const values = sums(numbers.subarray(first, first + (data.counts[i] ?? 0)));
      const table = new BlockTable(block, digits, values, first);
      first += values.length;
      return table;
    });
    this.recordIds = numbers.subarray(prefixes, 2 * prefixes);
    this.nameIds = sums(numbers.subarray(2 * prefixes));
    this.tails = new Array<readonly string[] | undefined>(data.tails.length);
  }

  /**
   * The longest registered block holding this MAC, given as its 48-bit value. A new answer
   * each time: small objects that die young cost less than keeping one for every prefix a
   * cold pass touches.
   */
  lookup(mac: number): VendorHit | null {
    // 48 bits are exact in a double: a division, not a shift.
    const top = Math.floor(mac / TOP_UNIT);
    for (let t = 0; t < this.tables.length; t++) {
      const table = this.tables[t]!;
      const k = table.find(mac, top);
      if (k < 0) continue;
      const id = this.recordIds[table.first + k]!;
      const prefix = hexDigits(table.values[k]!, table.digits, table.below);
      return new VendorHit(prefix, table.block, this.name(id), this, id);
    }
    return null;
  }

  /** Every prefix of every block, as the registry spells it (upper-case hex). */
  *prefixes(): Generator<string> {
    for (const { digits, values } of this.tables) {
      for (const v of values) yield hexDigits(v, digits, 16 ** (digits - 6));
    }
  }

  get raspberryPi(): readonly string[] {
    return this.data.raspberryPi;
  }

  private name(record: number): string {
    const names = (this.names ??= nameList(inflate(this.data.names), this.data.asciiNames));
    const n = this.nameIds[record]!;
    const name =
      n < this.data.asciiNames
        ? names.text.slice(names.starts[n], names.starts[n + 1]! - SEPARATOR.length)
        : names.others[n - this.data.asciiNames];
    if (name === undefined) throw new Error(`vendor index: no name for record ${record}`);
    return name;
  }

  /** The whole record: its name, then what its chunk of tails holds for it. */
  recordOf(id: number, name: string): string {
    const n = Math.floor(id / this.data.recordsPerChunk);
    let chunk = this.tails[n];
    if (!chunk) {
      const text = this.data.tails[n];
      if (text === undefined) throw new Error(`vendor index: no chunk ${n}`);
      chunk = inflate(text).toString('utf8').split(SEPARATOR);
      this.tails[n] = chunk;
    }
    const tail = chunk[id % this.data.recordsPerChunk];
    if (tail === undefined) throw new Error(`vendor index: no record ${id}`);
    return tail.startsWith(WHOLE) ? tail.slice(WHOLE.length) : name + tail;
  }
}

/** The names block read: the ASCII names as Latin-1 (a copy), the others as UTF-8. */
function nameList(bytes: Buffer, asciiNames: number): NameList {
  const text = bytes.toString('latin1');
  const starts = new Uint32Array(asciiNames + 1);
  let at = 0;
  for (let n = 1; n <= asciiNames; n++) {
    const end = text.indexOf(SEPARATOR, at);
    at = (end < 0 ? text.length : end) + SEPARATOR.length;
    starts[n] = at;
  }
  const others = at > text.length ? [] : bytes.toString('utf8', at).split(SEPARATOR);
  return { text, starts, others };
}

const HEX = [...'0123456789ABCDEF'].map((c) => c.charCodeAt(0));
const hex = (n: number, shift: number) => HEX[(n >>> shift) & 15]!;

/**
 * A prefix value as `digits` (6, 7 or 9) upper-case hex digits (`below`: 16 ** (digits - 6)): one string from char codes,
 * made on every hit (toString(16) of a 36-bit double, then upper case, then padding, is
 * three strings and slow).
 */
function hexDigits(value: number, digits: number, below: number): string {
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
