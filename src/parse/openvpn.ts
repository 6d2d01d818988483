/**
 * Reads the lines of an OpenVPN config that say what the VPN is: `server NET MASK` (the VPN
 * network its clients get addresses from), `push "route NET MASK"` (the networks it tells
 * clients to reach through it), `route NET MASK` (networks behind clients, or on a client the
 * networks it sends into the tunnel), `dev`, `topology`, `client-config-dir` (per-client
 * files holding `iroute`), and a client's `remote` servers. Everything else is ignored, and
 * inline blocks (`<key>` …) are skipped, except `<connection>`, which holds `remote` lines.
 * Pure.
 */
import { posix } from 'node:path';
import { parseCidr } from '../net/cidr.js';
import type { ParseWarning } from './warnings.js';

/** A `remote HOST [PORT] [PROTO]` line of a client: the server it connects to. */
export interface OpenVpnRemote {
  /** An IP literal or a name (which netdoctor does not resolve: it reads offline). */
  readonly host: string;
  readonly port: number | null;
  readonly line: string;
}

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
  /** The config is a client's (`client`, `pull`, `tls-client`, or `remote` without `server`). */
  readonly client: boolean;
  /** A client's `remote` lines, `<connection>` blocks included. */
  readonly remotes: readonly OpenVpnRemote[];
  /** `route NET MASK net_gateway`: networks a client keeps OUT of the tunnel. */
  readonly netGatewayRoutes: readonly string[];
  /**
   * `client-config-dir DIR` as an absolute path (a relative one is taken from `cd DIR`, else
   * from the config's own directory, where Debian's systemd units start openvpn); null when
   * the config has none.
   */
  readonly clientConfigDir: string | null;
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

const OPEN_TAG = /^<([A-Za-z0-9][A-Za-z0-9-]*)>$/;

/**
 * The lines OpenVPN reads as options: comments and inline blocks' contents left out, the
 * lines of `<connection>` blocks kept (they hold `remote`).
 */
function optionLines(text: string): string[] {
  const out: string[] = [];
  let block: string | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (block !== null) {
      if (line.toLowerCase() === `</${block}>`) block = null;
      continue;
    }
    const tag = OPEN_TAG.exec(line)?.[1]?.toLowerCase();
    if (tag === 'connection' || line.toLowerCase() === '</connection>') continue;
    if (tag !== undefined) {
      block = tag;
      continue;
    }
    out.push(line);
  }
  return out;
}

function remoteOf(host: string | undefined, port: string | undefined, line: string) {
  if (host === undefined) return [];
  const n = port !== undefined && /^\d{1,5}$/.test(port) ? Number(port) : null;
  return [{ host, port: n !== null && n <= 65535 ? n : null, line }];
}

/** Where a path in a config points: absolute as written, else under `cd` or the config's directory. */
export function configPath(source: string, cd: string | null, path: string): string {
  const base = cd !== null ? posix.resolve(posix.dirname(source), cd) : posix.dirname(source);
  return posix.resolve(base, path);
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
  let cd: string | null = null;
  let ccd: string | null = null;
  const remotes: OpenVpnRemote[] = [];
  const pushedRoutes: string[] = [];
  const routes: string[] = [];
  const netGatewayRoutes: string[] = [];
  const lines: string[] = [];
  for (const raw of optionLines(text)) {
    const w = words(raw);
    const [key, a, b, c] = w;
    if (key === undefined) continue;
    const keep = () => lines.push(raw);
    switch (key.replace(/^--/, '')) {
      case 'server': {
        server = prefixOf(a, b);
        if (server === null) warnings.push({ source, message: `unreadable: ${raw}` });
        keep();
        break;
      }
      case 'push': {
        const inner = words(a ?? '');
        if (inner[0] === 'route') {
          const p = prefixOf(inner[1], inner[2]);
          if (p) pushedRoutes.push(p);
          else warnings.push({ source, message: `unreadable: ${raw}` });
          keep();
        }
        break;
      }
      case 'route': {
        // `route NET [MASK [GATEWAY]]`; a missing or `default` mask is 255.255.255.255.
        const p = prefixOf(a, b === undefined || b === 'default' ? undefined : b);
        if (p) {
          (c === 'net_gateway' ? netGatewayRoutes : routes).push(p);
          keep();
        }
        break;
      }
      case 'client-config-dir':
        ccd = a ?? null;
        keep();
        break;
      case 'cd':
        cd = a ?? null;
        break;
      case 'dev':
        dev = a ?? null;
        keep();
        break;
      case 'topology':
        topology = a ?? null;
        keep();
        break;
      case 'client':
      case 'pull':
      case 'tls-client':
        client = true;
        keep();
        break;
      case 'remote':
        remotes.push(...remoteOf(a, b, raw));
        keep();
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
      client: client || (remotes.length > 0 && server === null),
      remotes,
      netGatewayRoutes,
      clientConfigDir: ccd === null ? null : configPath(source, cd, ccd),
      lines,
    },
    warnings,
  };
}

/** One file of a server's client-config-dir: a client's own options. */
export interface OpenVpnCcdFile {
  /** The snapshot key (the file's path). */
  readonly source: string;
  /** The file's name: the client certificate's common name it applies to. */
  readonly commonName: string;
  /** `iroute NET MASK`: networks behind this client that the server hands to it. */
  readonly iroutes: readonly string[];
  readonly lines: readonly string[];
}

/** Reads a client-config-dir file: its `iroute` lines. */
export function parseOpenVpnCcd(
  text: string,
  source: string,
): { file: OpenVpnCcdFile; warnings: ParseWarning[] } {
  const warnings: ParseWarning[] = [];
  const iroutes: string[] = [];
  const lines: string[] = [];
  for (const raw of optionLines(text)) {
    const [key, a, b] = words(raw);
    if (key?.replace(/^--/, '') !== 'iroute') continue;
    const p = prefixOf(a, b);
    if (p) iroutes.push(p);
    else warnings.push({ source, message: `unreadable: ${raw}` });
    lines.push(raw);
  }
  return { file: { source, commonName: posix.basename(source), iroutes, lines }, warnings };
}
