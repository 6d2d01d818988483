/**
 * The hosts of a path question as the user names them: `--ssh [USER@]HOST[:PORT]`, an
 * inventory file (the JSON of `ansible-inventory --list`, with ansible_host, ansible_user
 * and ansible_port from _meta.hostvars; or a plain list, one `[user@]host[:port]` a line).
 * Pure: each mistake is one line naming where it is.
 */

/** One host to read over ssh: `name` is how the user named it (and how reports name it). */
export interface HostTarget {
  readonly name: string;
  readonly host: string;
  readonly user: string | null;
  readonly port: number | null;
}

export class TargetInvalid extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetInvalid';
  }
}

const USER = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;
/** A DNS name or an IPv4 address: letters, digits, dots, dashes, underscores; never an option. */
const HOST = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,252}$/;
const IPV6 = /^[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?$/;

function checkPort(text: string, where: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535))
    throw new TargetInvalid(`${where}: '${text}' is not a port (1-65535)`);
  return port;
}

function checkUser(user: string, where: string): string {
  if (!USER.test(user)) throw new TargetInvalid(`${where}: '${user}' is not a user name`);
  return user;
}

function checkHost(host: string, where: string): string {
  if (HOST.test(host) || (host.includes(':') && IPV6.test(host))) return host;
  throw new TargetInvalid(`${where}: '${host}' is not a host name or address`);
}

/** `[USER@]HOST[:PORT]`, an IPv6 address in brackets when a port follows (`[2001:db8::1]:2222`). */
export function parseTarget(text: string, where = '--ssh'): HostTarget {
  const given = text.trim();
  if (given === '') throw new TargetInvalid(`${where}: an empty host`);
  const at = given.lastIndexOf('@');
  const user = at >= 0 ? checkUser(given.slice(0, at), where) : null;
  let rest = at >= 0 ? given.slice(at + 1) : given;
  let port: number | null = null;
  const bracket = /^\[([^\]]+)\](?::(.*))?$/.exec(rest);
  if (bracket) {
    rest = bracket[1] ?? '';
    if (bracket[2] !== undefined) port = checkPort(bracket[2], where);
  } else if ((rest.match(/:/g) ?? []).length === 1) {
    const [h, p] = rest.split(':') as [string, string];
    rest = h;
    port = checkPort(p, where);
  }
  return { name: given, host: checkHost(rest, where), user, port };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: Json | undefined): v is { [key: string]: Json } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The host names of every group (and `_meta.hostvars`), in the order they first appear. */
function inventoryNames(doc: { [key: string]: Json }): string[] {
  const names: string[] = [];
  const add = (n: Json) => {
    if (typeof n === 'string' && !names.includes(n)) names.push(n);
  };
  for (const [group, body] of Object.entries(doc)) {
    if (group === '_meta' || !isObject(body)) continue;
    const hosts = body['hosts'];
    if (Array.isArray(hosts)) hosts.forEach(add);
  }
  const hostvars = isObject(doc['_meta']) ? doc['_meta']['hostvars'] : undefined;
  if (isObject(hostvars)) Object.keys(hostvars).forEach(add);
  return names;
}

function ansibleTarget(name: string, vars: Json | undefined, file: string): HostTarget {
  const where = `${file}: host '${name}'`;
  const v = isObject(vars) ? vars : {};
  const text = (key: string): string | null => {
    const value = v[key];
    if (value === undefined || value === null) return null;
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    throw new TargetInvalid(`${where}: ${key} is not a string`);
  };
  const host = text('ansible_host') ?? name;
  const user = text('ansible_user');
  const port = text('ansible_port');
  return {
    name,
    host: checkHost(host, `${where}: ansible_host`),
    user: user === null ? null : checkUser(user, `${where}: ansible_user`),
    port: port === null ? null : checkPort(port, `${where}: ansible_port`),
  };
}

/** An inventory file's hosts; `file` names it in errors. */
export function parseInventory(text: string, file: string): HostTarget[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trimStart().startsWith('{')) {
    let doc: Json;
    try {
      doc = JSON.parse(body) as Json;
    } catch {
      throw new TargetInvalid(
        `${file}: not valid JSON (give the output of ansible-inventory --list, or one [user@]host a line)`,
      );
    }
    if (!isObject(doc))
      throw new TargetInvalid(`${file}: not an ansible-inventory --list document`);
    const hostvars = isObject(doc['_meta']) ? doc['_meta']['hostvars'] : undefined;
    const names = inventoryNames(doc);
    if (names.length === 0) throw new TargetInvalid(`${file}: the inventory names no host`);
    return names.map((n) => ansibleTarget(n, isObject(hostvars) ? hostvars[n] : undefined, file));
  }
  const targets: HostTarget[] = [];
  body.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const t = parseTarget(line, `${file} line ${i + 1}`);
    if (!targets.some((x) => x.name === t.name)) targets.push(t);
  });
  if (targets.length === 0) throw new TargetInvalid(`${file}: no host in it`);
  return targets;
}
