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
