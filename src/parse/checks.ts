/**
 * What the kernel can print, field by field. A snapshot is a file anyone can edit, so every
 * parser checks each value against the shapes iproute2 and /proc actually produce; a value
 * that fits none becomes a warning naming the field, never a record shown as if it were true.
 */
import { ipValue, parseCidr, type IpFamily } from '../net/cidr.js';

/** An IPv4 or IPv6 address of `family` (either, when not given), as ip prints it. */
export function isAddress(text: string, family?: IpFamily): boolean {
  const v = ipValue(text);
  return v !== null && (family === undefined || v.family === family);
}

/**
 * A link-layer address as ip prints it: colon-separated hex bytes (Ethernet 6, InfiniBand 20,
 * up to MAX_ADDR_LEN 32), or for ip-in-ip and GRE tunnels the outer IPv4 address.
 */
export function isLinkAddress(text: string): boolean {
  return /^[0-9a-f]{2}(:[0-9a-f]{2}){0,31}$/i.test(text) || isAddress(text, 'inet');
}

/**
 * An interface name the kernel accepts (dev_valid_name): 1 to 15 bytes, not `.` or `..`, no
 * `/`, `:` or whitespace. Control characters are allowed by the kernel, so they are not
 * refused here; they are escaped where the name is drawn.
 */
export function isInterfaceName(text: string): boolean {
  return (
    text.length >= 1 &&
    Buffer.byteLength(text, 'utf8') <= 15 &&
    text !== '.' &&
    text !== '..' &&
    !/[/:\s]/.test(text)
  );
}

/** A prefix length for the family: an integer 0..32 or 0..128. */
export function isPrefixLength(value: unknown, family: IpFamily): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 0 &&
    value <= (family === 'inet' ? 32 : 128)
  );
}

/**
 * A route destination: `default`, an address, or a prefix. Either family: a table read
 * without -4/-6 holds both, and the caller knows which it asked for.
 */
export function isRouteDestination(text: string): boolean {
  if (text === 'default') return true;
  if (!text.includes('/')) return isAddress(text);
  const [, len] = text.split('/');
  return /^\d{1,3}$/.test(len ?? '') && parseCidr(text) !== null;
}

/** An integer the kernel keeps in a C int (every /proc/sys/net value netdoctor reads). */
export function isKernelInt(value: number): boolean {
  return Number.isSafeInteger(value) && value >= -2_147_483_648 && value <= 2_147_483_647;
}

/** A value quoted in a warning: JSON-escaped and cut, so a warning stays one short line. */
export function quoted(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * A field whose value the kernel cannot print. Thrown by the field readers below and caught
 * by parseIpJson, which drops the record with a warning that names it and the field.
 */
export class BadField extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'BadField';
  }
}

type Obj = Readonly<Record<string, unknown>>;

/** A 32-bit unsigned integer (a table id, a priority, a metric); undefined when absent. */
export function u32Field(o: Obj, key: string, what: string): number | undefined {
  return intField(o, key, 0, 0xffffffff, what);
}

/** An integer in [min, max]; undefined when absent. */
export function intField(
  o: Obj,
  key: string,
  min: number,
  max: number,
  what: string,
): number | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new BadField(key, `not ${what}: ${quoted(v)}`);
  }
  return v;
}

/** A string (that passes `test`, when given); undefined when absent. */
export function stringField(
  o: Obj,
  key: string,
  what: string,
  test: (s: string) => boolean = () => true,
): string | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !test(v)) throw new BadField(key, `not ${what}: ${quoted(v)}`);
  return v;
}

/** A list of strings (each in `allowed`, when given); empty when absent. */
export function stringsField(
  o: Obj,
  key: string,
  what: string,
  allowed?: ReadonlySet<string>,
): string[] {
  const v = o[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new BadField(key, `not a list: ${quoted(v)}`);
  for (const x of v) {
    if (typeof x !== 'string' || (allowed && !allowed.has(x))) {
      throw new BadField(key, `not ${what}: ${quoted(x)}`);
    }
  }
  return v as string[];
}

/** A true/false flag: ip prints `true` or leaves it out. */
export function flagField(o: Obj, key: string): boolean {
  const v = o[key];
  if (v === undefined || v === false) return false;
  if (v === true || v === null) return true;
  throw new BadField(key, `not a flag: ${quoted(v)}`);
}

/**
 * A routing table as ip prints it: a name from rt_tables (`main`, `local`, `default`, or the
 * administrator's) or a number 0..2^32-1, as text; a number is taken too.
 */
export function tableField(o: Obj, key = 'table'): string | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff) return String(v);
  if (typeof v === 'string') {
    if (/^\d+$/.test(v) ? Number(v) <= 0xffffffff : /^[A-Za-z_][\w.-]{0,63}$/.test(v)) return v;
  }
  throw new BadField(key, `not a routing table (a name or 0..4294967295): ${quoted(v)}`);
}

/** rtnetlink's route types (rtnl_rtntype_n2a), as ip prints them. */
export const ROUTE_TYPES: ReadonlySet<string> = new Set([
  'unspec',
  'unicast',
  'local',
  'broadcast',
  'anycast',
  'multicast',
  'blackhole',
  'unreachable',
  'prohibit',
  'throw',
  'nat',
  'xresolve',
]);
