/**
 * Who takes a packet that a box puts on a link for one address (its gateway, or the
 * destination on-link): the box whose MAC its neighbour table already holds for it; else
 * the host that holds the address on the same network; else, when the box expects the
 * destination on-link and none of the hosts there holds it, a host on that network that
 * routes it elsewhere and so would answer ARP for it (proxy ARP), whether or not it does.
 */
import { cidrContains } from '../net/cidr.js';
import { resolveRoute } from '../net/resolve-route.js';
import type { HostState } from '../state/host-state.js';
import { addressKey, type HostIndex } from './owners.js';

export type Receiver =
  | { readonly kind: 'owner'; readonly hostIndex: number; readonly ifname: string }
  | {
      readonly kind: 'proxy-arp';
      readonly hostIndex: number;
      readonly ifname: string;
      /** proxy_arp is on there (conf/all or conf/IF): it answers. */
      readonly answers: boolean;
    }
  | { readonly kind: 'none' };

/** IN_DEV_PROXY_ARP(): conf/all/proxy_arp or conf/IF/proxy_arp. */
export function proxyArpOn(host: HostState, ifname: string): boolean {
  const conf = host.sysctls.interfaces;
  return (conf['all']?.proxy_arp ?? 0) === 1 || (conf[ifname]?.proxy_arp ?? 0) === 1;
}

const UNANSWERED = new Set(['FAILED', 'INCOMPLETE']);

/** The host interface whose MAC the box's neighbour table holds for `address` on `dev`. */
function byNeighbour(
  index: HostIndex,
  box: number,
  dev: string,
  address: string,
): { hostIndex: number; ifname: string } | null {
  const state = index.hosts[box]?.state;
  const key = addressKey(address);
  const entry = state?.neighbours.find(
    (n) =>
      n.dev === dev &&
      n.lladdr !== null &&
      !n.states.some((s) => UNANSWERED.has(s)) &&
      addressKey(n.dst) === key,
  );
  if (!entry?.lladdr) return null;
  const nets = index.networksOf(box, dev);
  // A VLAN shares its parent's MAC: the interface on the box's network is the one.
  const refs = index.byLinkAddress(entry.lladdr).filter((r) => r.hostIndex !== box);
  return (
    refs.find((r) =>
      index.networksOf(r.hostIndex, r.ifname).some((n) => nets.some((m) => sameNet(n, m))),
    ) ??
    refs[0] ??
    null
  );
}

const sameNet = (a: { first: bigint; last: bigint }, b: { first: bigint; last: bigint }) =>
  a.first <= b.last && b.first <= a.last;

/**
 * The interface of `host` that the packet from `box` comes in on: the one holding the
 * address, unless the host's own on-link route back to the sender's address on that link
 * leaves by another interface (an address carved out to a VM behind a router: the VM's
 * packets to the router's address arrive on the VM's side).
 */
function arrivingOn(
  index: HostIndex,
  box: number,
  dev: string,
  host: number,
  ifname: string,
): string {
  const state = index.hosts[host]?.state;
  const from = index.hosts[box]?.state?.interfaces
    .find((i) => i.name === dev)
    ?.addresses.find((a) => a.scope === 'global');
  if (!state || !from) return ifname;
  const back = resolveRoute(state, { dst: from.local });
  return back.type === 'unicast' && !back.error && back.gateway === null && back.dev !== null
    ? back.dev
    : ifname;
}

/** A host on the box's network that routes `address` out of another interface: it would answer ARP for it. */
function proxyFor(
  index: HostIndex,
  box: number,
  nets: ReturnType<HostIndex['networksOf']>,
  address: string,
  src: string,
): Receiver | null {
  for (const p of index.onNetworks(nets, box)) {
    const state = index.hosts[p.hostIndex]?.state;
    if (!state) continue;
    let d;
    try {
      d = resolveRoute(state, { dst: address, src, iif: p.ifname });
    } catch {
      continue;
    }
    if (d.type !== 'unicast' || d.dev === null || d.dev === p.ifname) continue;
    return {
      kind: 'proxy-arp',
      hostIndex: p.hostIndex,
      ifname: p.ifname,
      answers: proxyArpOn(state, p.ifname),
    };
  }
  return null;
}

export function receiverOf(
  index: HostIndex,
  box: number,
  dev: string,
  address: string,
  onLink: boolean,
  src: string,
): Receiver {
  const holders = index.owners(address).filter((o) => o.hostIndex !== box);
  const owner = (hostIndex: number, ifname: string): Receiver => ({
    kind: 'owner',
    hostIndex,
    ifname: arrivingOn(index, box, dev, hostIndex, ifname),
  });
  const seen = byNeighbour(index, box, dev, address);
  if (seen) {
    const holds = holders.some((o) => o.hostIndex === seen.hostIndex);
    return holds ? { kind: 'owner', ...seen } : { kind: 'proxy-arp', ...seen, answers: true };
  }
  const nets = index.networksOf(box, dev);
  // Expected on-link but routed elsewhere by a host on the link: it sits behind that host,
  // whatever its own address says.
  const proxy = onLink ? proxyFor(index, box, nets, address, src) : null;
  if (proxy) return proxy;
  const near = holders.find(
    (o) =>
      nets.some((n) => cidrContains(n, o.local)) ||
      (o.net !== null && nets.some((n) => sameNet(n, o.net!))),
  );
  if (near) return owner(near.hostIndex, near.ifname);
  const only = holders[0];
  return only ? owner(only.hostIndex, only.ifname) : { kind: 'none' };
}
