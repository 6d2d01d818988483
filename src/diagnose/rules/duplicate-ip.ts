/**
 * `duplicate-ip`: two or more MACs answer for one IPv4 address (a sweep saw both), or
 * another host still answers for an address this host is taking (the ARP repair's check).
 */
import { isLocallyAdministered, lookupVendor } from '../../net/mac.js';
import type { Finding } from '../finding.js';
import type { CodeDocs, DuplicateSighting, Rule } from '../rule.js';

/** A MAC with its registered vendor, or why there is none. */
export function macWithVendor(mac: string): string {
  const vendor = lookupVendor(mac);
  if (vendor) return `${mac} (${vendor.name})`;
  return `${mac} (${isLocallyAdministered(mac) ? 'locally administered, no vendor' : 'vendor unknown'})`;
}

function stillHeld(d: DuplicateSighting, prefixlen: number): Finding {
  const who = d.macs.map(macWithVendor).join(' and ');
  return {
    code: 'duplicate-ip',
    severity: 'error',
    title: `${d.ip} is still held by ${who}`,
    why:
      `netdoctor asked "who has ${d.ip}?" from 0.0.0.0, as duplicate address detection does, and ${d.macs.join(', ')} answered: ` +
      `another host still has ${d.ip} configured. Announcing now would not move the address: the gateway's ARP cache would flip between ` +
      `that host's MAC and ours every time either of us answers an ARP request, and connections would break at random. ` +
      `Remove ${d.ip} from the old server first (the host with ${d.macs[0] ?? 'that MAC'}), then run the repair again.`,
    evidence: d.lines.map((text) => ({ source: d.source, text })),
    fix: [`ip addr del ${d.ip}/${prefixlen} dev <interface>    # on the old server`],
    subject: d.ip,
  };
}

function answeredTwice(d: DuplicateSighting): Finding {
  const who = d.macs.map(macWithVendor);
  const held = d.current ? ` This host's neighbour table holds ${d.current} now.` : '';
  return {
    code: 'duplicate-ip',
    severity: 'error',
    title: `${d.ip} on ${d.iface} is answered by ${d.macs.length} MACs: ${d.macs.join(', ')}`,
    why:
      `Two machines claim ${d.ip}. Each host on the LAN keeps one MAC per address in its ARP ` +
      `cache, from whichever answered last, so packets for ${d.ip} go to one machine or the ` +
      `other and switch when caches expire: connections break at random. The holders are ` +
      `${who.join(' and ')}.${held} Take the address off the one that should not have it ` +
      `(and check that the DHCP pool does not cover addresses set by hand); on the one that ` +
      `keeps it, netdoctor's ARP repair (panel 5, or netdoctor garp ${d.ip}) tells the gateway.`,
    evidence: d.lines.map((text) => ({ source: d.source, text })),
    fix: [
      `ip addr del ${d.ip}/<prefix> dev <interface>    # on the host that should not have ${d.ip}`,
      `netdoctor garp ${d.ip}    # on the host that keeps it`,
    ],
    subject: d.ip,
  };
}

const DOCS: CodeDocs = {
  'duplicate-ip': {
    title: 'two machines answer for one IPv4 address',
    severity: {
      error:
        'always: two MACs answered ARP for the address, or another host still answers for an address this host is taking',
    },
    means:
      "Two or more MAC addresses answered ARP for the same IPv4 address: a sweep of the LAN saw both, or the ARP repair's duplicate check (arping -D) got an answer for the address being moved here.",
    matters:
      'Each neighbour keeps whichever answer came last, so connections to the address go to one machine or the other, and switch between them: dropped sessions, "it works from some hosts", ARP caches that disagree.',
    proof:
      "From the answers themselves: the sweep (the kernel backend's arping check, or arp-scan's DUP lines) or arping -D recorded each MAC that answered, with its vendor; this host's neighbour table shows which one it holds now.",
    fix: 'Take the address off the machine that should not have it (ip addr del ADDR/LEN dev IF there), or give one of them another address; when this host is taking the address, the other holder must let it go first.',
    box: 'the other machine that holds the address (named by its MAC and vendor), or this host when it is the one in the wrong',
  },
};

export const duplicateIpRule: Rule = {
  id: 'duplicate-ip',
  topic: 'l2',
  codes: ['duplicate-ip'],
  docs: DOCS,
  run: (ctx) =>
    (ctx.probes?.duplicates ?? [])
      .filter((d) => (d.takingHere ? d.macs.length >= 1 : d.macs.length >= 2))
      .map((d) => (d.takingHere ? stillHeld(d, d.takingHere.prefixlen) : answeredTwice(d))),
};
