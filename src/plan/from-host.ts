/**
 * `plan --from-host`: the plan that describes this host as one router: a network per
 * interface address (its prefix), and the main table's static routes as plan lines. A place
 * to start a plan from, not a copy of everything: kernel-made routes (connected prefixes,
 * link-local, multicast, local) are what the plan adds by itself.
 */
import { Document, type Tags } from 'yaml';
import { ipValue, parseCidr } from '../net/cidr.js';
import type { HostState } from '../state/host-state.js';
import { isSafeText, quotedText, safeText } from '../text/safe.js';

/** The plan as data, in the shape of a plan file. */
export interface FromHostPlan {
  readonly networks: ReadonlyMap<string, string>;
  readonly routers: ReadonlyMap<
    string,
    { readonly interfaces: ReadonlyMap<string, string>; readonly routes: readonly string[] }
  >;
}

export interface FromHost {
  readonly text: string;
  /** What the text says, as data: parsing the text gives exactly this. */
  readonly plan: FromHostPlan;
  /** Routes left out, in words (shown as comments in the file). */
  readonly skipped: readonly string[];
}

const YAML_STR = 'tag:yaml.org,2002:str';

/**
 * The YAML string tag, but a string holding a control or bidi character is written
 * double-quoted with that character escaped: an interface name is the host's to choose, and
 * the file is read in a terminal.
 */
function escapingStrings(tags: Tags): Tags {
  return tags.map((tag) => {
    if (typeof tag !== 'object' || tag.tag !== YAML_STR || !('stringify' in tag)) return tag;
    const plain = tag.stringify;
    if (!plain) return tag;
    return {
      ...tag,
      stringify: (item, ctx, onComment, onChompKeep) =>
        typeof item.value === 'string' && !isSafeText(item.value)
          ? quotedText(item.value)
          : plain(item, ctx, onComment, onChompKeep),
    };
  });
}

/** The plan as YAML, written from the data by the yaml library; comment lines are one-lined. */
function planYaml(plan: FromHostPlan, comments: readonly string[]): string {
  const doc = new Document(plan, { customTags: escapingStrings });
  doc.commentBefore = comments.map((c) => ` ${safeText(c)}`).join('\n');
  return doc.toString();
}

/** A name not yet taken: `base`, else `base-2`, `base-3`, ... */
function freeName(base: string, taken: ReadonlyMap<string, unknown>, from: number): string {
  let name = from === 1 ? base : `${base}-${from}`;
  for (let n = from + 1; taken.has(name); n++) name = `${base}-${n}`;
  return name;
}

function linkLocal(address: string): boolean {
  return /^fe80:/i.test(address) || address.startsWith('169.254.');
}

export function planFromHost(host: HostState): FromHost {
  // Maps, not objects: an interface may be named __proto__ or 12 (order and key kept).
  const networks = new Map<string, string>();
  const interfaces = new Map<string, string>();
  const netOfDev = new Map<string, string>();
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const iface of host.interfaces) {
    if (iface.name === 'lo' || iface.linkType === 'loopback') continue;
    let n = 0;
    for (const a of iface.addresses) {
      if (a.scope !== 'global' || linkLocal(a.local)) continue;
      const cidr = parseCidr(`${a.local}/${a.prefixlen}`);
      if (!cidr) continue;
      // A plan network has one address per router: a second address in a prefix already
      // seen, or a point-to-point address (its network is the peer), stays a comment.
      if (a.peer !== null || seen.has(cidr.text)) {
        skipped.push(
          `address ${a.local}/${a.prefixlen}${a.peer ? ` peer ${a.peer}` : ''} on ${iface.name}`,
        );
        continue;
      }
      seen.add(cidr.text);
      n++;
      const name = freeName(iface.name, networks, n);
      networks.set(name, cidr.text);
      interfaces.set(name, a.local);
      if (!netOfDev.has(iface.name)) netOfDev.set(iface.name, name);
    }
  }
  const routes: string[] = [];
  for (const r of host.routes) {
    if (r.table !== 'main' || r.protocol === 'kernel' || r.protocol === 'ra') continue;
    const prefix = r.dst === 'default' ? 'default' : (parseCidr(r.dst, r.family)?.text ?? r.dst);
    const desc = `${r.type} ${r.dst}${r.gateway ? ` via ${r.gateway}` : ''}${r.dev ? ` dev ${r.dev}` : ''}`;
    if (r.type === 'blackhole' || r.type === 'unreachable') {
      if (prefix === 'default') skipped.push(desc);
      else routes.push(`${r.type} ${prefix}`);
    } else if (r.type !== 'unicast' || r.nexthops.length > 0) {
      skipped.push(desc);
    } else if (r.gateway && ipValue(r.gateway) && !linkLocal(r.gateway)) {
      routes.push(`${prefix} via ${r.gateway}`);
    } else if (!r.gateway && r.dev && netOfDev.has(r.dev) && prefix !== 'default') {
      routes.push(`${prefix} dev ${netOfDev.get(r.dev) ?? ''}`);
    } else skipped.push(desc);
  }
  const name = host.meta.hostname.replace(/[^A-Za-z0-9_.-]/g, '_') || 'this-host';
  const plan: FromHostPlan = { networks, routers: new Map([[name, { interfaces, routes }]]) };
  const text = planYaml(plan, [
    `The plan of ${name} as netdoctor read it${host.meta.netns ? ` (netns ${host.meta.netns})` : ''}, ${host.meta.takenAt}.`,
    'Add the other routers and networks, then: netdoctor plan FILE [--prove]',
    ...skipped.map((s) => `left out: ${s}`),
  ]);
  return { text, plan, skipped };
}
