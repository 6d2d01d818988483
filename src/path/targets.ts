/**
 * The hosts of a path question as the user names them: `--ssh [USER@]HOST[:PORT]`, an
 * inventory file (the JSON of `ansible-inventory --list`, with ansible_host, ansible_user
 * and ansible_port from _meta.hostvars; or a plain list, one `[user@]host[:port]` a line).
 * Pure: each mistake is one line naming where it is.
 */
import {
  hostProblem,
  parseTargetText,
  portValue,
  userProblem,
  type TargetProblem,
} from '../net/target-syntax.js';

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

/** A part's problem as one line naming where it was. */
function checked<T>(value: T | TargetProblem, where: string): T {
  if (typeof value === 'object' && value !== null && 'why' in value) {
    throw new TargetInvalid(`${where}: ${value.why}`);
  }
  return value as T;
}

const checkPort = (text: string, where: string): number => checked(portValue(text), where);
const checkUser = (user: string, where: string): string =>
  checked(userProblem(user) ?? user, where);
const checkHost = (host: string, where: string): string =>
  checked(hostProblem(host) ?? host, where);

/** `[USER@]HOST[:PORT]`, an IPv6 address in brackets when a port follows (`[2001:db8::1]:2222`). */
export function parseTarget(text: string, where = '--ssh'): HostTarget {
  const given = text.trim();
  const parts = checked(parseTargetText(given), where);
  return { name: given, host: parts.host, user: parts.user ?? null, port: parts.port ?? null };
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
