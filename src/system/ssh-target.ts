/**
 * `--ssh [USER@]HOST[:PORT]`: the target as typed, checked before anything runs, and the
 * quoting of words for the far side's shell. Pure: no process is started here.
 *
 * ssh sends a remote command as ONE string that the far user's login shell parses, so every
 * word netdoctor puts there goes through `shellQuote` (POSIX single quotes). A target is only
 * ever given to ssh after `--`, and its parts are checked so that none reads as an option.
 */
import { UsageError } from '../usage-error.js';

export interface SshTarget {
  /** As the person typed it: how reports and findings name the host. */
  readonly given: string;
  readonly user?: string;
  /** A name (an alias of ~/.ssh/config, a DNS name) or an address, without brackets. */
  readonly host: string;
  readonly port?: number;
}

const USER = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;
/** A DNS name or an ssh_config alias: letters, digits, dots, dashes, underscores; no leading dash. */
const NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252})$/;
const IPV6 = /^[0-9A-Fa-f:.]+(?:%[A-Za-z0-9_.-]+)?$/;

/** Parses `[USER@]HOST[:PORT]` (an IPv6 address in brackets: `[2001:db8::1]:2222`). */
export function parseSshTarget(text: string): SshTarget {
  const bad = (why: string) =>
    new UsageError(`--ssh '${text}': ${why} (expected [USER@]HOST[:PORT])`);
  if (text.trim() === '') throw bad('an empty target');
  let rest = text;
  let user: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (!USER.test(user)) throw bad(`'${user}' is not a user name`);
  }
  let host: string;
  let portText: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) throw bad('a [ without ]');
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) throw bad(`'${after}' after the address`);
    if (after !== '') portText = after.slice(1);
    if (!IPV6.test(host) || !host.includes(':')) throw bad(`'${host}' is not an IPv6 address`);
  } else if ((rest.match(/:/g) ?? []).length > 1) {
    // A bare IPv6 address: its colons are not a port.
    host = rest;
    if (!IPV6.test(host)) throw bad(`'${host}' is not an IPv6 address`);
  } else {
    const colon = rest.indexOf(':');
    host = colon < 0 ? rest : rest.slice(0, colon);
    if (colon >= 0) portText = rest.slice(colon + 1);
    if (!NAME.test(host)) throw bad(`'${host}' is not a host name or address`);
  }
  let port: number | undefined;
  if (portText !== undefined) {
    port = /^[0-9]{1,5}$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 1 && port <= 65535)) throw bad(`'${portText}' is not a port (1-65535)`);
  }
  return {
    given: text,
    host,
    ...(user !== undefined ? { user } : {}),
    ...(port !== undefined ? { port } : {}),
  };
}

/** The words that tell ssh who and where (`-l USER -p PORT -- HOST`), options first. */
export function sshTargetArgs(target: SshTarget): string[] {
  return [
    ...(target.user !== undefined ? ['-l', target.user] : []),
    ...(target.port !== undefined ? ['-p', String(target.port)] : []),
  ];
}

/** How a person would reach it with ssh, for the advice in an error line. */
export function sshCommandLine(target: SshTarget): string {
  const port = target.port !== undefined ? `-p ${target.port} ` : '';
  const user = target.user !== undefined ? `${target.user}@` : '';
  return `ssh ${port}${user}${target.host}`;
}

/** One word for a POSIX shell: single-quoted, a quote inside as '\''. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** An argv as one command line for the far shell, every word quoted. */
export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
