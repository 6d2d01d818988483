/**
 * `plan --from-host`: the plan that describes this host as one router: a network per
 * interface address (its prefix), and the main table's static routes as plan lines. A place
 * to start a plan from, not a copy of everything: kernel-made routes (connected prefixes,
 * link-local, multicast, local) are what the plan adds by itself.
 */
import { stringify } from 'yaml';
import { ipValue, parseCidr } from '../net/cidr.js';
import type { HostState } from '../state/host-state.js';

export interface FromHost {
  readonly text: string;
  /** Routes left out, in words (shown as comments in the file). */
  readonly skipped: readonly string[];
}

function linkLocal(address: string): boolean {
  return /^fe80:/i.test(address) || address.startsWith('169.254.');
}

export function planFromHost(host: HostState): FromHost {
  const networks: Record<string, string> = {};
  const interfaces: Record<string, string> = {};
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
      const name = n === 0 ? iface.name : `${iface.name}-${n + 1}`;
      n++;
      networks[name] = cidr.text;
      interfaces[name] = a.local;
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
  const body = stringify({ networks, routers: { [name]: { interfaces, routes } } });
  const header = [
    `# The plan of ${name} as netdoctor read it${host.meta.netns ? ` (netns ${host.meta.netns})` : ''}, ${host.meta.takenAt}.`,
    '# Add the other routers and networks, then: netdoctor plan FILE [--prove]',
    ...skipped.map((s) => `# left out: ${s.replace(/[\r\n]/g, ' ')}`),
  ];
  return { text: `${header.join('\n')}\n${body}`, skipped };
}
