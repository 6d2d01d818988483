/**
 * `[USER@]HOST[:PORT]`, the way ssh is told who and where: one parser for `--ssh`
 * (system/ssh-target.ts) and for the hosts of a path question and its inventory files
 * (path/targets.ts). Pure: a problem comes back as words, and each caller says where it was
 * (`--ssh '…'`, `inv.json line 2`). The checks also keep a part from reading as an option to
 * ssh: a user, host or port never starts with a dash.
 */

export interface TargetParts {
  readonly user?: string;
  /** A name (an ssh_config alias, a DNS name) or an address, without brackets. */
  readonly host: string;
  readonly port?: number;
}

/** What is wrong with a part, in words that quote it. */
export interface TargetProblem {
  readonly why: string;
}

const USER = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;
/** A DNS name, an ssh_config alias or an IPv4 address: letters, digits, dots, dashes, underscores. */
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,252}$/;
const IPV6 = /^[0-9A-Fa-f:.]+(?:%[A-Za-z0-9_.-]+)?$/;

export function userProblem(user: string): TargetProblem | null {
  return USER.test(user) ? null : { why: `'${user}' is not a user name` };
}

/** A name, an IPv4 address, or an IPv6 address (with colons, maybe a %zone). */
export function hostProblem(host: string): TargetProblem | null {
  if (NAME.test(host) || (host.includes(':') && IPV6.test(host))) return null;
  return { why: `'${host}' is not a host name or address` };
}

/** A TCP port, 1-65535, from its digits. */
export function portValue(text: string): number | TargetProblem {
  const port = /^[0-9]{1,5}$/.test(text) ? Number(text) : NaN;
  return port >= 1 && port <= 65535 ? port : { why: `'${text}' is not a port (1-65535)` };
}

/** Splits and checks `[USER@]HOST[:PORT]`; an IPv6 address is bare, or in brackets before a port. */
export function parseTargetText(text: string): TargetParts | TargetProblem {
  if (text.trim() === '') return { why: 'an empty target' };
  let rest = text;
  let user: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
    const bad = userProblem(user);
    if (bad) return bad;
  }
  let host: string;
  let portText: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return { why: 'a [ without ]' };
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return { why: `'${after}' after the address` };
    if (after !== '') portText = after.slice(1);
    if (!IPV6.test(host) || !host.includes(':')) {
      return { why: `'${host}' is not an IPv6 address` };
    }
  } else if ((rest.match(/:/g) ?? []).length > 1) {
    // A bare IPv6 address: its colons are not a port.
    host = rest;
    if (!IPV6.test(host)) return { why: `'${host}' is not an IPv6 address` };
  } else {
    const colon = rest.indexOf(':');
    host = colon < 0 ? rest : rest.slice(0, colon);
    if (colon >= 0) portText = rest.slice(colon + 1);
    const bad = hostProblem(host);
    if (bad) return bad;
  }
  const port = portText === undefined ? undefined : portValue(portText);
  if (typeof port === 'object') return port;
  return {
    host,
    ...(user !== undefined ? { user } : {}),
    ...(port !== undefined ? { port } : {}),
  };
}
