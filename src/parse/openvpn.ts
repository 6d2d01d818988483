/**
 * Reads the lines of an OpenVPN config that say which networks a VPN server serves: `server
 * NET MASK` (the VPN network its clients get addresses from), `push "route NET MASK"` (the
 * networks it tells clients to reach through it), `route NET MASK` (networks behind
 * clients), `dev` and `topology`. Everything else is ignored. Pure.
 */
import { parseCidr } from '../net/cidr.js';
import type { ParseWarning } from './warnings.js';

export interface OpenVpnConfig {
  /** The file it came from (the snapshot key). */
  readonly source: string;
  /** `server NET MASK` as a prefix: the VPN network; null for a client or a bridge. */
  readonly server: string | null;
  /** `push "route NET MASK"`: the networks clients reach through this server. */
  readonly pushedRoutes: readonly string[];
  /** `route NET MASK` on the server: networks that live behind clients. */
  readonly routes: readonly string[];
  /** `dev tun`, `dev tun0`, `dev tap`: the interface name or kind. */
  readonly dev: string | null;
  /** `topology subnet|net30|p2p`; null when the file does not say (OpenVPN's default is net30). */
  readonly topology: string | null;
  /** The config is a client's (`client`, or `remote` without `server`). */
  readonly client: boolean;
  /** Each line the values came from, for evidence. */
  readonly lines: readonly string[];
}

/** `255.255.255.0` → 24; null when it is not a contiguous netmask. */
export function netmaskLength(mask: string): number | null {
  const parts = mask.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) {
    return null;
  }
  const bits = parts.map((p) => Number(p).toString(2).padStart(8, '0')).join('');
  return /^1*0*$/.test(bits) ? (bits.indexOf('0') === -1 ? 32 : bits.indexOf('0')) : null;
}

/** `NET MASK` → `NET/len` in canonical form, or null. */
function prefixOf(net: string | undefined, mask: string | undefined): string | null {
  if (net === undefined) return null;
  const len = mask === undefined ? 32 : netmaskLength(mask);
  if (len === null) return null;
  return parseCidr(`${net}/${len}`)?.text ?? null;
}

/** Splits a config line into words the way OpenVPN does: quotes group, # and ; start comments. */
function words(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | null = null;
  let inWord = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
      continue;
    }
    if ((ch === '#' || ch === ';') && !inWord) break;
    if (/\s/.test(ch)) {
      if (inWord) out.push(current);
      current = '';
      inWord = false;
      continue;
    }
    current += ch;
    inWord = true;
  }
  if (inWord) out.push(current);
  return out;
}

export function parseOpenVpnConfig(
  text: string,
  source: string,
): { config: OpenVpnConfig; warnings: ParseWarning[] } {
  const warnings: ParseWarning[] = [];
  let server: string | null = null;
  let dev: string | null = null;
  let topology: string | null = null;
  let client = false;
  let remote = false;
  const pushedRoutes: string[] = [];
  const routes: string[] = [];
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const w = words(raw.trim());
    const [key, a, b] = w;
    if (key === undefined) continue;
    const keep = () => lines.push(raw.trim());
    switch (key.replace(/^--/, '')) {
      case 'server': {
        server = prefixOf(a, b);
        if (server === null) warnings.push({ source, message: `unreadable: ${raw.trim()}` });
        keep();
        break;
      }
      case 'push': {
        const inner = words(a ?? '');
        if (inner[0] === 'route') {
          const p = prefixOf(inner[1], inner[2]);
          if (p) pushedRoutes.push(p);
          else warnings.push({ source, message: `unreadable: ${raw.trim()}` });
          keep();
        }
        break;
      }
      case 'route': {
        const p = prefixOf(a, b);
        if (p) {
          routes.push(p);
          keep();
        }
        break;
      }
      case 'dev':
        dev = a ?? null;
        keep();
        break;
      case 'topology':
        topology = a ?? null;
        keep();
        break;
      case 'client':
        client = true;
        break;
      case 'remote':
        remote = true;
        break;
      default:
        break;
    }
  }
  return {
    config: {
      source,
      server,
      pushedRoutes,
      routes,
      dev,
      topology,
      client: client || (remote && server === null),
      lines,
    },
    warnings,
  };
}
