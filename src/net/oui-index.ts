/**
 * A compact index of the IEEE registry (oui-data's 5.6 MB of JSON), made at build time and
 * read lazily, so that starting netdoctor, or its first vendor lookup, parses no JSON.
 *
 * - The prefixes are sorted numbers, one table per block (MA-L 24 bits, MA-M 28, MA-S 36),
 *   found by binary search; each points at a record by number.
 * - The records (name and postal address), deduplicated (53,730 prefixes, 32,333 records),
 *   are kept in brotli chunks of RECORDS_PER_CHUNK: a lookup inflates only its own chunk.
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

/** Bytes a prefix value takes in the table, by block (36 bits need five). */
const WIDTH: Readonly<Record<OuiBlock, number>> = { 'MA-S': 5, 'MA-M': 4, 'MA-L': 3 };

const RECORDS_PER_CHUNK = 1024;
const SEPARATOR = '\0';

/** The index as it is written into the bundle: plain strings and numbers, JSON-safe. */
export interface OuiIndexData {
  readonly format: 1;
  /** Prefixes per block, in BLOCKS order. */
  readonly counts: readonly number[];
  /** base64 of brotli of: the prefix tables (big-endian, BLOCKS order), then a uint32 LE
   *  record number per prefix in the same order. */
  readonly prefixes: string;
  readonly recordsPerChunk: number;
  /** base64 of brotli of RECORDS_PER_CHUNK records joined by NUL. */
  readonly chunks: readonly string[];
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

function compress(text: Buffer, quality: number): string {
  return brotliCompressSync(text, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_SIZE_HINT]: text.length,
    },
  }).toString('base64');
}

function inflate(base64: string): Buffer {
  return brotliDecompressSync(Buffer.from(base64, 'base64'));
}

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
  const recordIds = new Map<string, number>();
  const records: string[] = [];
  const table = Buffer.alloc(
    byBlock.reduce((n, ps, i) => n + ps.length * (WIDTH[BLOCKS[i]![0]] + 4), 0),
  );
  let at = 0;
  byBlock.forEach((ps, i) => {
    const width = WIDTH[BLOCKS[i]![0]];
    for (const p of ps) at = table.writeUIntBE(parseInt(p, 16), at, width);
  });
  for (const p of byBlock.flat()) {
    const record = registry[p]!;
    if (record.includes(SEPARATOR)) throw new Error(`oui-data record ${p} holds a NUL`);
    let id = recordIds.get(record);
    if (id === undefined) {
      id = records.length;
      recordIds.set(record, id);
      records.push(record);
    }
    at = table.writeUInt32LE(id, at);
  }
  const chunks: string[] = [];
  for (let i = 0; i < records.length; i += RECORDS_PER_CHUNK) {
    const text = records.slice(i, i + RECORDS_PER_CHUNK).join(SEPARATOR);
    chunks.push(compress(Buffer.from(text, 'utf8'), quality));
  }
  return {
    format: 1,
    counts: byBlock.map((ps) => ps.length),
    prefixes: compress(table, quality),
    recordsPerChunk: RECORDS_PER_CHUNK,
    chunks,
    raspberryPi: Object.keys(registry)
      .filter((p) => isRaspberryPiRecord(registry[p]!))
      .sort(),
  };
}

/** One block's sorted prefix values (MA-S needs 36 bits: a double holds them exactly). */
interface BlockTable {
  readonly block: OuiBlock;
  readonly digits: number;
  readonly values: Float64Array;
  /** Where this block's record numbers start in OuiIndex.ids. */
  readonly first: number;
}

/** What lookupVendor returns (mac.ts `Vendor`). */
export interface OuiHit {
  /** The registered prefix as hex digits, e.g. `B827EB`. */
  readonly prefix: string;
  readonly block: OuiBlock;
  /** The holder's name: the record's first line. */
  readonly name: string;
  /** The whole registry record: name and postal address. */
  readonly record: string;
}

/** The decoded index: prefix tables now, record chunks on the first lookup that needs them. */
export class OuiIndex {
  private readonly tables: BlockTable[] = [];
  private readonly ids: Uint32Array;
  private readonly chunks: (readonly string[] | undefined)[];
  private readonly hits: (OuiHit | undefined)[];

  constructor(private readonly data: OuiIndexData) {
    if (data.format !== 1) throw new Error(`unknown vendor index format ${String(data.format)}`);
    const table = inflate(data.prefixes);
    let at = 0;
    let first = 0;
    BLOCKS.forEach(([block, digits], i) => {
      const count = data.counts[i] ?? 0;
      const width = WIDTH[block];
      const values = new Float64Array(count);
      // Byte arithmetic, not readUIntBE: this loop runs 53,730 times on the first lookup.
      for (let k = 0; k < count; k++) {
        let v = 0;
        for (let b = 0; b < width; b++) v = v * 256 + table[at++]!;
        values[k] = v;
      }
      this.tables.push({ block, digits, values, first });
      first += count;
    });
    // Little-endian on every host (a router may be big-endian): bytes, not a typed view.
    this.ids = new Uint32Array(first);
    for (let k = 0; k < first; k++, at += 4) {
      this.ids[k] =
        (table[at]! | (table[at + 1]! << 8) | (table[at + 2]! << 16)) + table[at + 3]! * 2 ** 24;
    }
    this.chunks = new Array<readonly string[] | undefined>(data.chunks.length);
    this.hits = new Array<OuiHit | undefined>(first);
  }

  /** The longest registered block holding this MAC, given as its 48-bit value. */
  lookup(mac: number): OuiHit | null {
    // 48 bits are exact in a double: each block's key is a division.
    for (const { block, digits, values, first } of this.tables) {
      const key = Math.floor(mac / 2 ** (4 * (12 - digits)));
      let lo = 0;
      let hi = values.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const v = values[mid]!;
        if (v < key) lo = mid + 1;
        else if (v > key) hi = mid - 1;
        else return this.hit(first + mid, key, digits, block);
      }
    }
    return null;
  }

  /** One answer per prefix, made once: a sweep asks again and again for the same few. */
  private hit(at: number, key: number, digits: number, block: OuiBlock): OuiHit {
    let hit = this.hits[at];
    if (!hit) {
      const prefix = key.toString(16).toUpperCase().padStart(digits, '0');
      const record = this.record(this.ids[at]!);
      hit = Object.freeze({ prefix, block, name: recordName(record), record });
      this.hits[at] = hit;
    }
    return hit;
  }

  /** Every prefix of every block, as the registry spells it (upper-case hex). */
  *prefixes(): Generator<string> {
    for (const { digits, values } of this.tables) {
      for (const v of values) yield v.toString(16).toUpperCase().padStart(digits, '0');
    }
  }

  get raspberryPi(): readonly string[] {
    return this.data.raspberryPi;
  }

  private record(id: number): string {
    const n = Math.floor(id / this.data.recordsPerChunk);
    let chunk = this.chunks[n];
    if (!chunk) {
      const text = this.data.chunks[n];
      if (text === undefined) throw new Error(`vendor index: no chunk ${n}`);
      chunk = inflate(text).toString('utf8').split(SEPARATOR);
      this.chunks[n] = chunk;
    }
    const record = chunk[id % this.data.recordsPerChunk];
    if (record === undefined) throw new Error(`vendor index: no record ${id}`);
    return record;
  }
}
