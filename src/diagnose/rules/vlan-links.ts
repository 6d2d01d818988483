/**
 * The state of each VLAN interface against its parent: an ID that is no VLAN, a parent that
 * is down, the VLAN itself down, an MTU larger than the parent can carry. A healthy VLAN
 * gets nothing. VLANs are found by kind and /proc/net/vlan, never by name.
 */
import type { Finding } from '../finding.js';
import type { CodeDocs, DiagnoseContext, Rule } from '../rule.js';
import type { HostState, InterfaceState } from '../../state/host-state.js';
import { vlanLinks, type VlanLink } from '../../net/vlan.js';
import { linkEvidence, procEvidence } from './vlan-evidence.js';

function idInvalid(host: HostState, v: VlanLink): Finding | null {
  if (v.id >= 1 && v.id <= 4094) return null;
  const name = v.iface.name;
  const parent = v.parent ?? 'PARENT';
  const why =
    v.id === 0
      ? `${name} uses VLAN ID 0, which 802.1Q keeps for priority-tagged frames: the tag carries ` +
        "only a priority (PCP), no VLAN, and the switch puts such frames in the port's native " +
        `(untagged) VLAN. So ${name} is not in any VLAN; make it with the ID the switch port ` +
        'carries tagged (1-4094).'
      : `${name} uses VLAN ID ${v.id}; 802.1Q IDs run from 1 to 4094 (4095 is reserved), so no ` +
        'switch will carry these frames. Make it again with the ID the switch port carries tagged.';
  return {
    code: 'vlan-id-invalid',
    severity: 'error',
    title: `${name} has VLAN ID ${v.id}, which is not a usable VLAN (1-4094)`,
    why,
    evidence: [linkEvidence(v.iface), ...procEvidence(host, name)],
    fix: [
      `ip link del ${name}`,
      `ip link add link ${parent} name ${parent}.ID type vlan id ID   # ID: 1-4094, as the switch port has it`,
    ],
    subject: name,
  };
}

function parentDown(host: HostState, v: VlanLink, parent: InterfaceState): Finding | null {
  if (parent.adminUp && parent.carrier) return null;
  const name = v.iface.name;
  const state = !parent.adminUp
    ? `${parent.name} is administratively down`
    : `${parent.name} is up but has no carrier (no link: cable, switch port or peer)`;
  return {
    code: 'vlan-parent-down',
    severity: 'error',
    title: `${name} cannot pass traffic: its parent ${parent.name} is down`,
    why:
      `${name} is VLAN ${v.id} on ${parent.name}: every frame it sends leaves through ` +
      `${parent.name} with a ${v.protocol} tag, and every frame it receives arrives there. ${state}, ` +
      `so ${name} is down too (LOWERLAYERDOWN) and its traffic goes nowhere.`,
    evidence: [linkEvidence(parent), linkEvidence(v.iface), ...procEvidence(host, name)],
    fix: parent.adminUp ? [] : [`ip link set ${parent.name} up`],
    subject: name,
  };
}

function vlanDown(host: HostState, v: VlanLink): Finding | null {
  if (v.iface.adminUp) return null;
  const name = v.iface.name;
  const used = v.iface.addresses.length > 0;
  return {
    code: 'vlan-down',
    severity: used ? 'error' : 'warning',
    title: `${name} (VLAN ${v.id}) is down`,
    why:
      `${name} is administratively down: the kernel neither sends nor receives VLAN ${v.id} frames ` +
      `on ${v.parent ?? 'its parent'}` +
      (used ? ', and its addresses and their routes do not work until it is up.' : '.') +
      " 'ip link add … type vlan' leaves a new VLAN down; it needs 'ip link set … up'.",
    evidence: [linkEvidence(v.iface), ...procEvidence(host, name)],
    fix: [`ip link set ${name} up`],
    subject: name,
  };
}

function mtuExceeds(v: VlanLink, parent: InterfaceState): Finding | null {
  const mtu = v.iface.mtu;
  const pmtu = parent.mtu;
  if (mtu === null || pmtu === null || mtu <= pmtu) return null;
  const name = v.iface.name;
  return {
    code: 'vlan-mtu-exceeds-parent',
    severity: 'error',
    title: `${name} has MTU ${mtu}, larger than its parent ${parent.name} (${pmtu})`,
    why:
      `Every packet of ${name} goes out through ${parent.name}, which carries at most ${pmtu} bytes ` +
      `per frame (the VLAN tag is added on top). Packets between ${pmtu + 1} and ${mtu} bytes are ` +
      `dropped at ${parent.name}, with no ICMP "fragmentation needed" to the sender, so small ` +
      'packets pass and large transfers hang. Lower the VLAN, or raise the parent (and the switch).',
    evidence: [linkEvidence(parent), linkEvidence(v.iface)],
    fix: [
      `ip link set ${name} mtu ${pmtu}`,
      `ip link set ${parent.name} mtu ${mtu}   # only if the switch carries it`,
    ],
    subject: name,
  };
}

function run(ctx: DiagnoseContext): Finding[] {
  const host = ctx.host;
  if (!host) return [];
  const out: Finding[] = [];
  for (const v of vlanLinks(host)) {
    const parent = host.interfaces.find((i) => i.name === v.parent);
    const found = [
      idInvalid(host, v),
      vlanDown(host, v),
      parent ? parentDown(host, v, parent) : null,
      parent ? mtuExceeds(v, parent) : null,
    ];
    out.push(...found.filter((f): f is Finding => f !== null));
  }
  return out;
}

const DOCS: CodeDocs = {
  'vlan-id-invalid': {
    title: 'a VLAN interface has an ID outside 1-4094',
    severity: { error: 'always' },
    means: 'A VLAN device carries ID 0 or 4095, which 802.1Q reserves.',
    matters:
      'Frames with a reserved ID are priority tags (0) or invalid (4095): no switch carries them as a VLAN.',
    proof: 'From `ip -j -d link` (the vlan info) and /proc/net/vlan.',
    fix: 'Delete the device and make it again with an ID in 1-4094.',
    box: 'this host',
  },
  'vlan-parent-down': {
    title: "a VLAN's parent interface is down",
    severity: { error: 'always' },
    means: "The VLAN's parent device is administratively down or has no carrier.",
    matters:
      'A VLAN sends and receives only through its parent: with the parent down, the VLAN carries nothing, whatever its own state says.',
    proof:
      "From `ip -j -d link`: the VLAN's link to its parent, and the parent's flags and carrier.",
    fix: '`ip link set PARENT up`, and mend its cable or peer when it has no carrier.',
    box: 'this host',
  },
  'vlan-down': {
    title: 'a VLAN interface is down',
    severity: {
      error: 'the VLAN has addresses (it is meant to be used)',
      warning: 'the VLAN has no address',
    },
    means: 'The VLAN device itself is administratively down.',
    matters: 'Its addresses and routes are unusable: nothing is sent or received on that VLAN.',
    proof: 'From `ip -j -d link`.',
    fix: '`ip link set VLAN up`.',
    box: 'this host',
  },
  'vlan-mtu-exceeds-parent': {
    title: "a VLAN's MTU is larger than its parent's",
    severity: { error: 'always' },
    means: "The VLAN interface's MTU is larger than its parent's.",
    matters:
      'Large frames are dropped at the parent: small packets (ping, SSH logins) work and large transfers hang.',
    proof: 'From `ip -j -d link`: both MTUs.',
    fix: "Lower the VLAN's MTU to the parent's (`ip link set VLAN mtu N`), or raise the parent's if the network carries it.",
    box: 'this host',
  },
};

export const vlanLinksRule: Rule = {
  id: 'vlan-links',
  topic: 'vlan',
  codes: ['vlan-id-invalid', 'vlan-parent-down', 'vlan-down', 'vlan-mtu-exceeds-parent'],
  docs: DOCS,
  run,
};
