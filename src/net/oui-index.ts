/**
 * A compact index of the IEEE registry (oui-data's 5.6 MB of JSON), made at build time and
 * read lazily, so that starting netdoctor, or its first vendor lookup, parses no JSON.
 *
 * Two parts, each a text of ASCII on one line (the shipped file carries each as a section
 * of its own, scripts/launcher.mjs, and hands over its bytes as they lie in the file):
 *
 * - The core: everything a lookup needs, read where it lies, with nothing to decode. Its
 *   numbers are fixed-width runs of digits of six bits, each digit one byte ('0' + value:
 *   no line end, nothing beyond ASCII), so a lookup reads them from the bytes with a shift
 *   and an add. A decoding pass (base64, JSON, a loop) would run before the JIT has warmed
 *   up, and each copy is fresh memory to touch: the cold pass of format 4 spent a third of
 *   its time making 10 MB of strings and buffers out of the 2.5 MB it read.
 * - The records: what follows each name (the postal address), in brotli chunks, with which
 *   record each prefix has; read and parsed only when something reads a hit's `record` (the
 *   details view, the export). A sweep's table asks only names.
 *
 * A lookup is one function, no calls until the hit (V8 optimises one small function, soon):
 * MA-S (36 bits) and MA-M (28) are searched only under the 440-odd 24-bit prefixes
 * ("parents") that hold any, and only among that parent's own blocks, stored by their bits
 * below the parent's; MA-L (24) through a directory by the first TOP_BITS bits. Recent hits
 * are shared per prefix, so 10,000 hosts of one vendor hold one hit.
 *
 * The Raspberry Pi prefixes are derived at build time with the same test as isRaspberryPi,
 * so `scan --pi` needs no record at all.
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

/** How the core starts: its format's name, then its header (see `header`). */
const MAGIC = 'oui5 ';
const RECORDS_PER_CHUNK = 1024;
/** Between a chunk's tails (inside brotli). */
const SEPARATOR = '\0';
/** Starts a stored tail that is the whole record: one whose text does not start with its name. */
const WHOLE = '\u0001';
/** Ends each name in the core (no name holds it: the encoder checks). */
const NAME_END = '|';
const NAME_END_CODE = NAME_END.charCodeAt(0);
/** Recent hits kept, by prefix (a power of two). */
const SHARED_HITS = 1024;

/** A digit's byte is '0' + its six bits ('0' to 'o'). */
const ZERO = 0x30;
/** A run of two digits read as (first << 6) + second, before taking the zeros off. */
const ZEROS2 = (ZERO << 6) + ZERO;
/** ... of three digits. */
const ZEROS3 = (ZEROS2 << 6) + ZERO;
/** ... of four. */
const ZEROS4 = (ZEROS3 << 6) + ZERO;

/** Two hex digits read as 16 + each (mac-value.ts's DIGIT16), weighted: what to take off. */
const OCTET_SIXTEENS = 16 * 16 + 16;

/** The directories (of MA-L, and of the parents): by a MAC's first TOP_BITS bits, so that
 *  a prefix stores only its 12 bits below them (two digits). */
const TOP_BITS = 12;
const TOPS = 2 ** TOP_BITS;
const BELOW_TOP = 24 - TOP_BITS;
const BELOW_MASK = 2 ** BELOW_TOP - 1;

// Reading a MAC: the lookup reads the colon form itself (OuiIndex.find), any other
// spelling through macValue; without building a string (it is on every row of a sweep).

/** Per UTF-16 code unit: 16 + its value for a hex digit, else 0. Zeroed memory set in 22
 *  places (a 64 KB table costs a start nothing), so no code unit reads beyond it. */
export const DIGIT16 = new Uint8Array(65536);
for (let c = 0; c < 16; c++) {
  DIGIT16['0123456789abcdef'.charCodeAt(c)] = 16 + c;
  DIGIT16['0123456789ABCDEF'.charCodeAt(c)] = 16 + c;
}
/** Per code unit: 16 for a separator macHex drops (`:`, `-`, `.`), else 0. */
export const SEPARATOR16 = new Uint8Array(65536);
for (const c of ':-.') SEPARATOR16[c.charCodeAt(0)] = 16;
/** 2 ** 24: a MAC's value is its first 24 bits times this, plus its last 24. */
export const HALF = 2 ** 24;

/**
 * What macHex (mac.ts) reads, as the 48-bit number: every hex digit in order, any of the
 * separators anywhere, exactly twelve digits.
 */
export function macValue(mac: string): number | null {
  let value = 0;
  let digits = 0;
  for (let i = 0; i < mac.length; i++) {
    const c = mac.charCodeAt(i);
    const d = DIGIT16[c]!;
    if (d === 0) {
      if (SEPARATOR16[c] !== 0) continue;
      return null;
    }
    if (++digits > 12) return null;
    value = value * 16 + d - 16;
  }
  return digits === 12 ? value : null;
}

/** The index as the build writes it: two texts (ASCII, one line each). */
export interface EncodedOuiIndex {
  readonly core: string;
  readonly records: string;
}

/** The index as a reader gets it: the core's bytes, and the records' text when asked. */
export interface OuiIndexData {
  readonly core: Uint8Array;
  records(): string;
}

/** What the records part holds (JSON). */
interface RecordsData {
  /** Per prefix, in block order (MA-S, MA-M, MA-L): its record's number, three digits each. */
  readonly recordOf: string;
  readonly recordsPerChunk: number;
  /** base64 of brotli of RECORDS_PER_CHUNK records' tails (the record after its name, so
   *  usually "\n" and the postal address) joined by NUL. */
  readonly tails: readonly string[];
}

/** The counts a core's header gives: everything `layout` needs. */
interface Shape {
  /** Prefixes per block, in BLOCKS order. */
  readonly small: number;
  readonly medium: number;
  readonly large: number;
  /** How many distinct 24-bit prefixes hold an MA-S or MA-M block. */
  readonly parents: number;
  /** The names' text: its length, and how much of it (the start) is names in ASCII. */
  readonly namesLength: number;
  readonly asciiLength: number;
}

/**
 * Where each run of digits lives in the core, after the header: [digits per number, count].
 * Every start list holds one more number than what it indexes: where the last one ends.
 */
function layout(shape: Shape, headerLength: number) {
  const { small, medium, large, parents } = shape;
  const parts = {
    /** For each value of a MAC's first TOP_BITS bits, where its parents start in `parents`. */
    parentStarts: [2, TOPS + 1],
    /** The parents, sorted, each as its bits below the first TOP_BITS. */
    parents: [2, parents],
    /** Per parent, where its MA-S blocks start in `small`. */
    smallStarts: [3, parents + 1],
    /** Per parent, where its MA-M blocks start in `medium`. */
    mediumStarts: [3, parents + 1],
    /** MA-S prefixes, sorted, each as its 12 bits below its parent's 24. */
    small: [2, small],
    /** MA-M prefixes, sorted, each as its 4 bits below its parent's 24. */
    medium: [1, medium],
    /** For each value of a MAC's first TOP_BITS bits, where its MA-L prefixes start. */
    largeStarts: [3, TOPS + 1],
    /** MA-L prefixes, sorted, each as its bits below the first TOP_BITS. */
    large: [2, large],
    /** Per prefix, in block order: where its name starts in the names' text. */
    nameAt: [4, small + medium + large],
  } as const satisfies Record<string, readonly [number, number]>;
  let at = headerLength;
  const offsets = {} as Record<keyof typeof parts, number>;
  for (const [key, [digits, count]] of Object.entries(parts)) {
    offsets[key as keyof typeof parts] = at;
    at += digits * count;
  }
  /** The names follow: the ASCII ones, then the others (percent-encoded), each ending in
   *  NAME_END. */
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
/** What a name in the core's ASCII part may not hold: line ends, and the name's end mark. */
const NOT_IN_A_NAME = new RegExp(`[\\r\\n\\u2028\\u2029${NAME_END}]`);
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Numbers as runs of `width` digits of six bits. */
function digits(values: readonly number[], width: number): string {
  let text = '';
  for (const v of values) {
    if (!Number.isInteger(v) || v < 0 || v >= 2 ** (6 * width)) {
      throw new Error(`vendor index: ${v} does not fit in ${width} digits: update oui-index`);
    }
    for (let d = width - 1; d >= 0; d--) text += String.fromCharCode(ZERO + ((v >>> (6 * d)) & 63));
  }
  return text;
}

/** The core's header: MAGIC, the counts, the Raspberry Pi prefixes, ending in ';'. */
function header(shape: Shape, raspberryPi: readonly string[]): string {
  const { small, medium, large, parents, namesLength, asciiLength } = shape;
  return `${MAGIC}${[small, medium, large, parents, namesLength, asciiLength].join(' ')} ${raspberryPi.join(',')};`;
}

/** Builds the index from the registry (at build time; `quality` 11 is brotli's best). */
export function encodeOuiIndex(registry: Registry, quality = 9): EncodedOuiIndex {
  const byBlock = BLOCKS.map(([, n]) =>
    Object.keys(registry)
      .filter((p) => p.length === n && /^[0-9A-F]+$/.test(p))
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
  // Sorted by name (the names in ASCII first), so a chunk holds one holder's addresses.
  const byName = (a: string, b: string) =>
    Number(NOT_ASCII.test(a)) - Number(NOT_ASCII.test(b)) || byCodeUnits(a, b);
  const records = [...nameOf.keys()].sort(
    (a, b) => byName(nameOf.get(a)!, nameOf.get(b)!) || byCodeUnits(a, b),
  );
  const recordIds = new Map(records.map((r, i) => [r, i]));
  const names = [...new Set(records.map((r) => nameOf.get(r)!))];
  // A name's text in the core: as it is in ASCII; else percent-encoded (decodeURIComponent
  // gives it back), which is ASCII too.
  const stored = names.map((n) => (NOT_ASCII.test(n) ? encodeURIComponent(n) : n));
  for (const s of stored) {
    if (NOT_IN_A_NAME.test(s))
      throw new Error(`oui-data name ${s} holds a line end or ${NAME_END}`);
  }
  const asciiNames = names.filter((n) => !NOT_ASCII.test(n)).length;
  const nameStart: number[] = [];
  let namesText = '';
  let asciiLength = 0;
  stored.forEach((s, i) => {
    if (i === asciiNames) asciiLength = namesText.length;
    nameStart.push(namesText.length);
    namesText += s + NAME_END;
  });
  if (asciiNames === names.length) asciiLength = namesText.length;
  const nameIds = new Map(names.map((n, i) => [n, i]));

  const parents = [...new Set([...byBlock[0]!, ...byBlock[1]!].map((p) => p.slice(0, 6)))].sort(
    (a, b) => parseInt(a, 16) - parseInt(b, 16),
  );
  const hexValues = (ps: readonly string[]) => ps.map((p) => parseInt(p, 16));
  /** For each value of the first TOP_BITS bits, the first of `sorted` (24-bit prefixes)
   *  that starts with it or a greater one; then their count. */
  const directory = (sorted: readonly number[]) => {
    const starts: number[] = [];
    for (let k = 0; k <= sorted.length; k++) {
      const its = k < sorted.length ? sorted[k]! >>> BELOW_TOP : TOPS;
      while (starts.length <= its) starts.push(k);
    }
    return starts;
  };
  /** For each parent, where its blocks start among `ps` (sorted); then their count. */
  const perParent = (ps: readonly string[]) => {
    const starts: number[] = [];
    let k = 0;
    for (const parent of parents) {
      while (k < ps.length && ps[k]!.slice(0, 6) < parent) k++;
      starts.push(k);
    }
    starts.push(ps.length);
    return starts;
  };
  const below = (ps: readonly string[], n: number) => {
    if (ps.some((p) => p.length !== 6 + n)) throw new Error('vendor index: digits');
    return hexValues(ps.map((p) => p.slice(6)));
  };
  const parentValues = hexValues(parents);
  const largeValues = hexValues(byBlock[2]!);
  const shape: Shape = {
    small: byBlock[0]!.length,
    medium: byBlock[1]!.length,
    large: byBlock[2]!.length,
    parents: parents.length,
    namesLength: namesText.length,
    asciiLength,
  };
  const raspberryPi = Object.keys(registry)
    .filter((p) => isRaspberryPiRecord(registry[p]!))
    .sort();
  const head = header(shape, raspberryPi);
  const runs = {
    parentStarts: directory(parentValues),
    parents: parentValues.map((v) => v & BELOW_MASK),
    smallStarts: perParent(byBlock[0]!),
    mediumStarts: perParent(byBlock[1]!),
    small: below(byBlock[0]!, 3),
    medium: below(byBlock[1]!, 1),
    largeStarts: directory(largeValues),
    large: largeValues.map((v) => v & BELOW_MASK),
    nameAt: prefixes.map((p) => nameStart[nameIds.get(nameOf.get(registry[p]!)!)!]!),
  };
  const { parts, offsets, names: namesAt } = layout(shape, head.length);
  let core = head;
  for (const [key, [width, count]] of Object.entries(parts)) {
    const values = runs[key as keyof typeof runs];
    if (values.length !== count || core.length !== offsets[key as keyof typeof parts]) {
      throw new Error(`vendor index: ${key} has ${values.length} numbers, not ${count}`);
    }
    core += digits(values, width);
  }
  if (core.length !== namesAt) throw new Error('vendor index: the layout does not add up');
  core += namesText;

  const tails: string[] = [];
  for (let i = 0; i < records.length; i += RECORDS_PER_CHUNK) {
    const chunk = records.slice(i, i + RECORDS_PER_CHUNK).map((r) => {
      const name = nameOf.get(r)!;
      return r.startsWith(name) ? r.slice(name.length) : WHOLE + r;
    });
    tails.push(compress(Buffer.from(chunk.join(SEPARATOR), 'utf8'), quality));
  }
  const recordsData: RecordsData = {
    recordOf: digits(
      prefixes.map((p) => recordIds.get(registry[p]!)!),
      3,
    ),
    recordsPerChunk: RECORDS_PER_CHUNK,
    tails,
  };
  return { core, records: JSON.stringify(recordsData) };
}

/** An encoded index as a reader gets it (what the shipped file's sections hand over). */
export function ouiIndexDataOf(encoded: EncodedOuiIndex): OuiIndexData {
  return { core: Buffer.from(encoded.core, 'latin1'), records: () => encoded.records };
}

/** What lookupVendor returns (mac.ts `Vendor`). */
export interface OuiHit {
  /** The registered prefix as hex digits, e.g. `B827EB`. */
  readonly prefix: string;
  readonly block: OuiBlock;
  /** The holder's name: the record's first line. */
  readonly name: string;
  /** The whole registry record: name and postal address (read when first asked). */
  readonly record: string;
}

/**
 * A hit of the index: which prefix it is. Its name, the prefix's text, its block and the
 * record are made when asked (getters on the prototype; the name is kept once read): a
 * lookup makes one small object and no string, and a sweep's table reads the name of the
 * rows it shows. JSON (the export, the tests) sees all four fields. Hits are shared:
 * nothing may change one. Plain fields, set in the constructor (no class field
 * initialiser, which V8 runs as a function of its own).
 */
export class VendorHit implements OuiHit {
  declare private readonly index: OuiIndex;
  /** The prefix's number in block order (MA-S, MA-M, MA-L). */
  declare private readonly slot: number;
  /** The MAC's first 24 bits. */
  declare private readonly oui: number;
  /** The name, once read. */
  declare private named: string | undefined;

  constructor(index: OuiIndex, slot: number, oui: number) {
    this.index = index;
    this.slot = slot;
    this.oui = oui;
    this.named = undefined;
  }

  /** The holder's name: the record's first line. */
  get name(): string {
    return (this.named ??= this.index.nameOf(this.slot));
  }

  get block(): OuiBlock {
    return this.index.blockOf(this.slot);
  }

  /** The registered prefix as hex digits, e.g. `B827EB`. */
  get prefix(): string {
    return this.index.prefixOf(this.slot, this.oui);
  }

  get record(): string {
    return this.index.recordOf(this.slot, this.name);
  }

  toJSON(): OuiHit {
    return { prefix: this.prefix, block: this.block, name: this.name, record: this.record };
  }
}

/** The parsed records part: where each prefix's record is. */
interface Records extends RecordsData {
  /** The chunks inflated so far, each split into its tails. */
  readonly inflated: (readonly string[] | undefined)[];
}

/** The index: the core read where it lies, the records when a record is first asked. */
export class OuiIndex {
  /** The core's bytes: digits, then the names' text. */
  private readonly core: Uint8Array;
  /** Where each run of digits starts in the core (see layout). */
  private readonly parentStartsAt: number;
  private readonly parentsAt: number;
  private readonly smallStartsAt: number;
  private readonly mediumStartsAt: number;
  private readonly smallAt: number;
  private readonly mediumAt: number;
  private readonly largeStartsAt: number;
  private readonly largeAt: number;
  private readonly nameAtAt: number;
  /** Where MA-M's slots start (after MA-S's), and MA-L's (after MA-M's). */
  private readonly mediumSlot: number;
  private readonly largeSlot: number;
  /** Every name, as one string (a hit's name is a slice of it, no copy); the names from
   *  asciiLength on are percent-encoded. */
  private readonly namesText: string;
  private readonly asciiLength: number;
  private readonly recordsText: () => string;
  private records: Records | null = null;
  /** Recent hits by prefix number (slot & (SHARED_HITS - 1)); sharedAt holds slot + 1. */
  private readonly shared = new Array<VendorHit | undefined>(SHARED_HITS);
  private readonly sharedAt = new Int32Array(SHARED_HITS);
  readonly raspberryPi: readonly string[];

  constructor(data: OuiIndexData) {
    const core = data.core;
    const damaged = (what: string) => new Error(`vendor index: the core is damaged (${what})`);
    // The header: MAGIC, six counts and the Raspberry Pi prefixes, up to the first ';'.
    if (core.length <= MAGIC.length) throw damaged('too short');
    const start = String.fromCharCode(...core.subarray(0, MAGIC.length));
    if (start !== MAGIC) {
      throw new Error(`unknown vendor index format ${JSON.stringify(start.split(' ')[0])}`);
    }
    const end = core.indexOf(0x3b);
    if (end < 0 || end > 4096) throw damaged('no header');
    const head = String.fromCharCode(...core.subarray(0, end));
    const fields = head.slice(MAGIC.length).split(' ');
    const counts = fields.slice(0, 6).map(Number);
    if (fields.length !== 7 || !counts.every((n) => Number.isSafeInteger(n) && n >= 0)) {
      throw damaged('header');
    }
    const [small, medium, large, parents, namesLength, asciiLength] = counts as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const shape = { small, medium, large, parents, namesLength, asciiLength };
    const { offsets, names } = layout(shape, end + 1);
    if (core.length !== names + namesLength) throw damaged('its length does not match');
    this.core = core;
    this.parentStartsAt = offsets.parentStarts;
    this.parentsAt = offsets.parents;
    this.smallStartsAt = offsets.smallStarts;
    this.mediumStartsAt = offsets.mediumStarts;
    this.smallAt = offsets.small;
    this.mediumAt = offsets.medium;
    this.largeStartsAt = offsets.largeStarts;
    this.largeAt = offsets.large;
    this.nameAtAt = offsets.nameAt;
    this.mediumSlot = small;
    this.largeSlot = small + medium;
    // What each search trusts to stay inside its run: the directories start at 0 and end
    // where their runs do, and the names' text ends a name. (The shipped file's sections
    // carry a checksum; this catches an index that does not match its own counts.)
    const ends = (at: number, count: number, width: number, total: number) =>
      numberAt(core, at, width) === 0 && numberAt(core, at + count * width, width) === total;
    if (
      !ends(offsets.parentStarts, TOPS, 2, parents) ||
      !ends(offsets.smallStarts, parents, 3, small) ||
      !ends(offsets.mediumStarts, parents, 3, medium) ||
      !ends(offsets.largeStarts, TOPS, 3, large) ||
      asciiLength > namesLength ||
      (namesLength > 0 && core[core.length - 1] !== NAME_END_CODE)
    ) {
      throw damaged('its counts do not match');
    }
    this.namesText = Buffer.from(core.buffer, core.byteOffset, core.length).toString(
      'latin1',
      names,
    );
    this.asciiLength = asciiLength;
    this.recordsText = data.records;
    this.raspberryPi = fields[6] === '' ? [] : fields[6]!.split(',');
  }

  /**
   * The longest registered block holding a MAC (any spelling macValue reads), or null. One
   * function, with the colon form's reading and each search written out, and calls only
   * off the common path: V8 optimises it as one piece, soon, compiles it once (it is too
   * big to be inlined into each caller and compiled again there), and until then it runs
   * in the interpreter with few calls and property loads. Each number is read from its
   * digits where it lies: (first << 6) + second, compared with the key plus the zeros.
   */
  find(mac: string): VendorHit | null {
    let oui = -1;
    let low = -1;
    if (mac.length === 17) {
      // The colon form (any of the separators), octet by octet: a table gives 16 + a
      // digit's value, or 16 for a separator where one goes, else 0, so `ok` stays 16
      // only if every character is right. A loop, not 17 reads written out: TurboFan
      // compiles each read of a string, and that time is spent before the fast code runs.
      let ok = 16;
      let value = 0;
      for (let at = 0; at < 17; at += 3) {
        const high = DIGIT16[mac.charCodeAt(at)]!;
        const low4 = DIGIT16[mac.charCodeAt(at + 1)]!;
        ok &= high & low4 & (at < 15 ? SEPARATOR16[mac.charCodeAt(at + 2)]! : 16);
        value = (value << 8) + (high << 4) + low4 - OCTET_SIXTEENS;
        if (at === 6) {
          oui = value;
          value = 0;
        }
      }
      if (ok === 0) oui = -1;
      else low = value;
    }
    if (oui < 0) {
      const value = macValue(mac);
      if (value === null) return null;
      oui = Math.floor(value / HALF);
      low = value - oui * HALF;
    }
    const core = this.core;
    const top = oui >>> BELOW_TOP;
    const key = (oui & BELOW_MASK) + ZEROS2;
    let slot = -1;
    let at = this.parentStartsAt + top * 2;
    let lo = (core[at]! << 6) + core[at + 1]! - ZEROS2;
    let hi = (core[at + 2]! << 6) + core[at + 3]! - ZEROS2 - 1;
    if (lo <= hi) {
      const parentsAt = this.parentsAt;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        at = parentsAt + mid * 2;
        const v = (core[at]! << 6) + core[at + 1]!;
        if (v < key) lo = mid + 1;
        else if (v > key) hi = mid - 1;
        else break;
      }
      if (lo <= hi) {
        const parent = (lo + hi) >>> 1;
        // MA-S: the 12 bits below the parent's, two digits.
        at = this.smallStartsAt + parent * 3;
        lo = (((core[at]! << 6) + core[at + 1]!) << 6) + core[at + 2]! - ZEROS3;
        hi = (((core[at + 3]! << 6) + core[at + 4]!) << 6) + core[at + 5]! - ZEROS3 - 1;
        const smallAt = this.smallAt;
        const sKey = (low >>> 12) + ZEROS2;
        while (lo <= hi) {
          const mid = (lo + hi) >>> 1;
          at = smallAt + mid * 2;
          const v = (core[at]! << 6) + core[at + 1]!;
          if (v < sKey) lo = mid + 1;
          else if (v > sKey) hi = mid - 1;
          else {
            slot = mid;
            break;
          }
        }
        if (slot < 0) {
          // MA-M: the 4 bits below, one digit.
          at = this.mediumStartsAt + parent * 3;
          lo = (((core[at]! << 6) + core[at + 1]!) << 6) + core[at + 2]! - ZEROS3;
          hi = (((core[at + 3]! << 6) + core[at + 4]!) << 6) + core[at + 5]! - ZEROS3 - 1;
          const mediumAt = this.mediumAt;
          const mKey = (low >>> 20) + ZERO;
          while (lo <= hi) {
            const mid = (lo + hi) >>> 1;
            const v = core[mediumAt + mid]!;
            if (v < mKey) lo = mid + 1;
            else if (v > mKey) hi = mid - 1;
            else {
              slot = this.mediumSlot + mid;
              break;
            }
          }
        }
      }
    }
    if (slot < 0) {
      at = this.largeStartsAt + top * 3;
      lo = (((core[at]! << 6) + core[at + 1]!) << 6) + core[at + 2]! - ZEROS3;
      hi = (((core[at + 3]! << 6) + core[at + 4]!) << 6) + core[at + 5]! - ZEROS3 - 1;
      const largeAt = this.largeAt;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        at = largeAt + mid * 2;
        const v = (core[at]! << 6) + core[at + 1]!;
        if (v < key) lo = mid + 1;
        else if (v > key) hi = mid - 1;
        else {
          slot = this.largeSlot + mid;
          break;
        }
      }
      if (slot < 0) return null;
    }
    const shared = slot & (SHARED_HITS - 1);
    if (this.sharedAt[shared] === slot + 1) return this.shared[shared]!;
    return this.newHit(slot, oui, shared);
  }

  /** A hit of the prefix numbered `slot`, kept as the recent one at `shared`. */
  private newHit(slot: number, oui: number, shared: number): VendorHit {
    const hit = new VendorHit(this, slot, oui);
    this.shared[shared] = hit;
    this.sharedAt[shared] = slot + 1;
    return hit;
  }

  /** The name of the prefix numbered `slot`: a slice of the names' text. */
  nameOf(slot: number): string {
    const c = this.core;
    const at = this.nameAtAt + slot * 4;
    const start = (((((c[at]! << 6) + c[at + 1]!) << 6) + c[at + 2]!) << 6) + c[at + 3]! - ZEROS4;
    const text = this.namesText;
    const end = text.indexOf(NAME_END, start);
    if (start >= text.length || end < 0) throw new Error('vendor index: the core is damaged');
    const name = text.slice(start, end);
    return start < this.asciiLength ? name : decodeURIComponent(name);
  }

  blockOf(slot: number): OuiBlock {
    return slot < this.mediumSlot ? 'MA-S' : slot < this.largeSlot ? 'MA-M' : 'MA-L';
  }

  /** The registered prefix of the slot that `oui` (a MAC's first 24 bits) is under. */
  prefixOf(slot: number, oui: number): string {
    const c = this.core;
    if (slot < this.mediumSlot) {
      const at = this.smallAt + slot * 2;
      return hexDigits(oui * 4096 + ((c[at]! << 6) + c[at + 1]! - ZEROS2), 9);
    }
    if (slot < this.largeSlot) {
      return hexDigits(oui * 16 + c[this.mediumAt + slot - this.mediumSlot]! - ZERO, 7);
    }
    return hexDigits(oui, 6);
  }

  /** Every prefix of every block, as the registry spells it (upper-case hex). */
  *prefixes(): Generator<string> {
    const n = (at: number, width: number) => numberAt(this.core, at, width);
    const upper = 2 ** BELOW_TOP;
    for (let top = 0; top < TOPS; top++) {
      const to = n(this.parentStartsAt + top * 2 + 2, 2);
      for (let p = n(this.parentStartsAt + top * 2, 2); p < to; p++) {
        const parent = top * upper + n(this.parentsAt + p * 2, 2);
        const smallTo = n(this.smallStartsAt + p * 3 + 3, 3);
        for (let s = n(this.smallStartsAt + p * 3, 3); s < smallTo; s++) {
          yield hexDigits(parent * 4096 + n(this.smallAt + s * 2, 2), 9);
        }
        const mediumTo = n(this.mediumStartsAt + p * 3 + 3, 3);
        for (let m = n(this.mediumStartsAt + p * 3, 3); m < mediumTo; m++) {
          yield hexDigits(parent * 16 + n(this.mediumAt + m, 1), 7);
        }
      }
    }
    for (let top = 0; top < TOPS; top++) {
      const to = n(this.largeStartsAt + top * 3 + 3, 3);
      for (let k = n(this.largeStartsAt + top * 3, 3); k < to; k++) {
        yield hexDigits(top * upper + n(this.largeAt + k * 2, 2), 6);
      }
    }
  }

  /** The whole record of the prefix numbered `slot`: its name, then its tail. */
  recordOf(slot: number, name: string): string {
    const records = (this.records ??= this.readRecords());
    const id = numberAt(records.recordOf, slot * 3, 3);
    const n = Math.floor(id / records.recordsPerChunk);
    let chunk = records.inflated[n];
    if (!chunk) {
      const text = records.tails[n];
      if (text === undefined) throw new Error(`vendor index: no chunk ${n}`);
      chunk = inflate(text).toString('utf8').split(SEPARATOR);
      records.inflated[n] = chunk;
    }
    const tail = chunk[id % records.recordsPerChunk];
    if (tail === undefined) throw new Error(`vendor index: no record ${id}`);
    return tail.startsWith(WHOLE) ? tail.slice(WHOLE.length) : name + tail;
  }

  private readRecords(): Records {
    const data = JSON.parse(this.recordsText()) as RecordsData;
    const slots = this.largeSlot + (this.nameAtAt - this.largeAt) / 2;
    if (typeof data.recordOf !== 'string' || data.recordOf.length !== slots * 3) {
      throw new Error('vendor index: the records are damaged');
    }
    return { ...data, inflated: new Array<undefined>(data.tails.length) };
  }
}

/** The number of `width` digits at `at` (outside the lookup, whose reads are written out). */
function numberAt(digits: Uint8Array | string, at: number, width: number): number {
  let v = 0;
  for (let d = 0; d < width; d++) {
    const c = typeof digits === 'string' ? digits.charCodeAt(at + d) : digits[at + d]!;
    v = v * 64 + c - ZERO;
  }
  return v;
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
